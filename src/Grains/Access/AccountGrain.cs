namespace StationNet.Grains.Access;

[GenerateSerializer, Immutable]
public sealed record AccountInfo(
    [property: Id(0)] string Username,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] string Role,
    [property: Id(3)] bool Disabled,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset? LastSignInAt)
{
    /// <summary>The network whose subtree this account sees and acts on; null for the whole country of networks.</summary>
    [Id(6)]
    public string? NetworkId { get; init; }
}

/// <summary>What a sign-in needs to check a password: the hash, made and verified by the web front door.</summary>
[GenerateSerializer, Immutable]
public sealed record AccountSecret(
    [property: Id(0)] AccountInfo Info,
    [property: Id(1)] string PasswordHash,
    [property: Id(2)] DateTimeOffset? LockedUntil,
    [property: Id(3)] int SessionGeneration = 0);

[GenerateSerializer]
public sealed class AccountState
{
    [Id(0)] public AccountInfo? Info { get; set; }
    [Id(1)] public string PasswordHash { get; set; } = "";
    [Id(2)] public int FailedSignIns { get; set; }
    [Id(3)] public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>Sessions signed out, by id, until their cookies would have expired anyway.</summary>
    [Id(4)] public Dictionary<string, DateTimeOffset> EndedSessions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Raised by a password change: sessions signed in under an older generation are over.</summary>
    [Id(5)] public int SessionGeneration { get; set; }
}

/// <summary>One per manager or administrator account, keyed by lower-case user name.</summary>
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Creates the account; false when it already exists.</summary>
    Task<bool> Create(AccountInfo info, string passwordHash);

    Task<AccountInfo?> GetInfo();

    Task<AccountSecret?> GetSecret();

    /// <summary>Counts a sign-in attempt; after <see cref="Lockout.MaxFailures"/> failures in a row the account locks for a while.</summary>
    Task<DateTimeOffset?> RecordSignIn(bool succeeded);

    /// <param name="networkId">a new scope; "" for none (every network); null keeps the scope.</param>
    Task<AccountInfo?> Update(string? displayName, string? role, bool? disabled, string? passwordHash, string? networkId = null);

    /// <summary>The account, if the session is still good: not signed out, and begun after the last password change.</summary>
    Task<AccountInfo?> CheckSession(string sessionId, int generation);

    /// <summary>Signs one session out for good: its cookie, replayed later, is refused.</summary>
    Task EndSession(string sessionId);
}

public static class Lockout
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(15);
}

public sealed class AccountGrain(
    [PersistentState("account", "networks")] IPersistentState<AccountState> state,
    StationClock time) : Grain, IAccountGrain
{
    public async Task<bool> Create(AccountInfo info, string passwordHash)
    {
        if (state.State.Info is not null)
        {
            return false;
        }
        state.State.Info = info;
        state.State.PasswordHash = passwordHash;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IAccountDirectoryGrain>(0).Add(info.Username);
        return true;
    }

    public Task<AccountInfo?> GetInfo() => Task.FromResult(state.State.Info);

    public Task<AccountSecret?> GetSecret() => Task.FromResult(state.State.Info is { } info
        ? new AccountSecret(info, state.State.PasswordHash, state.State.LockedUntil > time.GetUtcNow() ? state.State.LockedUntil : null, state.State.SessionGeneration)
        : null);

    public async Task<DateTimeOffset?> RecordSignIn(bool succeeded)
    {
        if (state.State.Info is null)
        {
            return null;
        }
        var now = time.GetUtcNow();
        if (succeeded)
        {
            state.State.FailedSignIns = 0;
            state.State.LockedUntil = null;
            state.State.Info = state.State.Info with { LastSignInAt = now };
        }
        else if (++state.State.FailedSignIns >= Lockout.MaxFailures)
        {
            state.State.FailedSignIns = 0;
            state.State.LockedUntil = now + Lockout.Duration;
        }
        await state.WriteStateAsync();
        return state.State.LockedUntil;
    }

    public async Task<AccountInfo?> Update(string? displayName, string? role, bool? disabled, string? passwordHash, string? networkId = null)
    {
        if (state.State.Info is not { } info)
        {
            return null;
        }
        state.State.Info = info with
        {
            DisplayName = displayName ?? info.DisplayName,
            Role = role ?? info.Role,
            Disabled = disabled ?? info.Disabled,
            NetworkId = networkId is null ? info.NetworkId : networkId.Length == 0 ? null : networkId,
        };
        if (passwordHash is not null)
        {
            state.State.PasswordHash = passwordHash;
            state.State.FailedSignIns = 0;
            state.State.LockedUntil = null;
            state.State.SessionGeneration++;
        }
        await state.WriteStateAsync();
        return state.State.Info;
    }

    public Task<AccountInfo?> CheckSession(string sessionId, int generation) =>
        Task.FromResult(state.State.EndedSessions.ContainsKey(sessionId) || generation != state.State.SessionGeneration ? null : state.State.Info);

    public async Task EndSession(string sessionId)
    {
        var now = time.GetUtcNow();
        foreach (var old in state.State.EndedSessions.Where(s => s.Value < now).Select(s => s.Key).ToList())
        {
            state.State.EndedSessions.Remove(old);
        }
        state.State.EndedSessions[sessionId] = now + Session.Lifetime;
        await state.WriteStateAsync();
    }
}

public static class Session
{
    /// <summary>How long a signed-in session lasts without use.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);
}

public interface IAccountDirectoryGrain : IGrainWithIntegerKey
{
    Task Add(string username);

    [AlwaysInterleave]
    Task<IReadOnlyList<string>> List();
}

[GenerateSerializer]
public sealed class AccountDirectoryState
{
    [Id(0)] public SortedSet<string> Usernames { get; set; } = new(StringComparer.Ordinal);
}

public sealed class AccountDirectoryGrain(
    [PersistentState("account-directory", "networks")] IPersistentState<AccountDirectoryState> state) : Grain, IAccountDirectoryGrain
{
    public async Task Add(string username)
    {
        if (state.State.Usernames.Add(username))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> List() => Task.FromResult<IReadOnlyList<string>>(state.State.Usernames.ToList());
}
