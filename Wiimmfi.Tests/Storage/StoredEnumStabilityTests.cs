using Wiimmfi.Actors.Storage;

namespace Wiimmfi.Tests.Storage;

/// <summary>
/// Numbers the store writes into the database are frozen: renumbering one would silently change
/// the meaning of existing rows. These golden lists fail on any change; append new members (and
/// a line here), never renumber.
/// </summary>
public class StoredEnumStabilityTests
{
    [Fact]
    public void Friend_edge_states_keep_their_stored_numbers()
    {
        AssertFrozen(new Dictionary<FriendEdgeState, long>
        {
            [FriendEdgeState.Requested] = 1,
            [FriendEdgeState.Authorized] = 2,
        });
    }

    [Fact]
    public void Login_services_and_outcomes_keep_their_stored_numbers()
    {
        AssertFrozen(new Dictionary<LoginService, long> { [LoginService.Nas] = 1, [LoginService.Gpcm] = 2 });
        AssertFrozen(new Dictionary<LoginOutcome, long>
        {
            [LoginOutcome.Success] = 1,
            [LoginOutcome.Banned] = 2,
            [LoginOutcome.BadCredentials] = 3,
            [LoginOutcome.TokenExpired] = 4,
            [LoginOutcome.BadRequest] = 5,
            [LoginOutcome.Refused] = 6,
            [LoginOutcome.ServerError] = 7,
        });
    }

    [Fact]
    public void Moderation_actions_keep_their_stored_numbers()
    {
        AssertFrozen(new Dictionary<ModerationAction, long>
        {
            [ModerationAction.Kick] = 1,
            [ModerationAction.Ban] = 2,
            [ModerationAction.Unban] = 3,
        });
    }

    [Fact]
    public void Console_flags_keep_their_stored_bits()
    {
        AssertFrozen(new Dictionary<ConsoleFlags, long>
        {
            [ConsoleFlags.None] = 0,
            [ConsoleFlags.Registered] = 1,
            [ConsoleFlags.RegistrationPending] = 2,
            [ConsoleFlags.SharedNgId] = 4,
        });
    }

    private static void AssertFrozen<T>(Dictionary<T, long> expected) where T : struct, Enum
    {
        var actual = Enum.GetValues<T>().ToDictionary(value => value, value => Convert.ToInt64(value));
        Assert.Equal(expected.OrderBy(pair => pair.Value), actual.OrderBy(pair => pair.Value));
    }
}
