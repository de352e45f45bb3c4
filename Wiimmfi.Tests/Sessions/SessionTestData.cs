using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Sessions;

namespace Wiimmfi.Tests.Sessions;

/// <summary>Profiles, identities and states for the session logic tests.</summary>
internal static class SessionTestData
{
    public const uint Me = 1_000_000_001;
    public const uint Friend = 1_000_000_002;
    public const uint Stranger = 1_000_000_003;
    public const int Key = 12_345_678;

    public static SessionIdentity Identity(uint profileId = Me, string game = "mariokartwii", int unitCode = 1) =>
        new(profileId, 1786673827498, "1jvv0u3laRMCJ2leohni", "RMCJ2leohni", game, "Mario", "0214-7483-6481", unitCode, "192.0.2.7",
            "0211223344aa", 0x0403AC68, new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));

    /// <summary>Online on <paramref name="connection"/>, mutual with <see cref="Friend"/>, listing <see cref="Stranger"/> one-sidedly.</summary>
    public static ConsoleSessionState Online(IActorRef connection, string game = "mariokartwii", int unitCode = 1) =>
        ConsoleSessionState.OfflineFor(Me).Apply(new LoggedIn(connection, Key, Identity(Me, game, unitCode), [Friend, Stranger], [Friend]));
}
