namespace StationNet.Grains.Access;

/// <summary>Who may do what: people sign in with accounts; tablets and wall screens hold tokens.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Manager = "manager";
    public const string Tablet = "tablet";
    public const string Wall = "wall";

    public static bool IsAccountRole(string? role) => role is Admin or Manager;
}
