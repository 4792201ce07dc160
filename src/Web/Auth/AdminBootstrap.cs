using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StationNet.Grains.Access;

namespace StationNet.Web.Auth;

/// <summary>
/// The first administrator: on the very first start (no account exists) it is created with the
/// password in <c>StationNet:Admin:Password</c>, or with a random one printed to the log once.
/// </summary>
public sealed class AdminBootstrap(IGrainFactory grains, IConfiguration configuration, PasswordHasher<string> hasher, StationClock time,
    FirstRunFile firstRun, ILogger<AdminBootstrap> logger) : IHostedService
{
    public const string Username = "admin";
    public const string PasswordKey = "StationNet:Admin:Password";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if ((await grains.GetGrain<IAccountDirectoryGrain>(0).List()).Count > 0)
        {
            return;
        }
        var configured = configuration[PasswordKey];
        var password = string.IsNullOrEmpty(configured) ? RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 16) : configured;
        var info = new AccountInfo(Username, "Administrator", Roles.Admin, false, time.GetUtcNow(), null);
        if (!await grains.GetGrain<IAccountGrain>(Username).Create(info, hasher.HashPassword(Username, password)))
        {
            return;
        }
        if (string.IsNullOrEmpty(configured))
        {
            firstRun.Write($"Password of the first administrator '{Username}' (sign in at /manage or /admin, then change it)", password);
        }
        else
        {
            logger.LogInformation("Created the first administrator '{User}' with the password from StationNet__Admin__Password", Username);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
