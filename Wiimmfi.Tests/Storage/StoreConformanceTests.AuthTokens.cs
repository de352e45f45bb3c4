using Wiimmfi.Actors.Storage;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Storage;

public abstract partial class StoreConformanceTests
{
    private static NewAuthToken TokenFor(long userId, DateTimeOffset expiresAt) => new()
    {
        Token = "NDS" + Convert.ToHexString(Guid.NewGuid().ToByteArray()) + Convert.ToHexString(Guid.NewGuid().ToByteArray()),
        Challenge = "ABCDEFGH",
        UserId = userId,
        Gsbrcd = "RMCJ2leohni",
        GameCode = "RMCE",
        ExpiresAt = expiresAt,
    };

    [PostgresAwareFact]
    public async Task An_issued_token_is_redeemed_once_with_everything_NAS_bound_to_it()
    {
        var mac = NewMac();
        var userId = NewUserId();
        var issued = TokenFor(userId, Start.AddMinutes(10)) with
        {
            ProfileId = 1_234_567_890,
            Mac = mac,
            ConsoleFriendCode = 6168191425252890,
            UnitCode = 1,
            Region = 1,
            Language = 2,
            InGameNick = "Mario",
        };

        Assert.True(await Store.AuthTokens.IssueAsync(issued));
        Clock.Advance(TimeSpan.FromSeconds(3));
        var first = await Store.AuthTokens.ConsumeAsync(issued.Token);
        var second = await Store.AuthTokens.ConsumeAsync(issued.Token);

        Assert.Equal(AuthTokenConsumeStatus.Consumed, first.Status);
        Assert.Equal(
            new AuthToken(issued.Token, "ABCDEFGH", userId, "RMCJ2leohni", "RMCE", 1_234_567_890, mac, 6168191425252890, 1, 1, 2, "Mario",
                Start, Start.AddMinutes(10)),
            first.Token);
        Assert.Equal(new AuthTokenConsumeResult(AuthTokenConsumeStatus.Unknown, null), second);
    }

    [PostgresAwareFact]
    public async Task Of_two_consumers_racing_for_a_token_exactly_one_wins()
    {
        var tokens = Enumerable.Range(0, 20).Select(_ => TokenFor(NewUserId(), Start.AddMinutes(10))).ToArray();
        foreach (var token in tokens)
        {
            Assert.True(await Store.AuthTokens.IssueAsync(token));
        }

        var races = await Task.WhenAll(tokens.Select(async token =>
            await Task.WhenAll(Store.AuthTokens.ConsumeAsync(token.Token), Store.AuthTokens.ConsumeAsync(token.Token))));

        Assert.All(races, race =>
        {
            Assert.Single(race, result => result.IsConsumed);
            Assert.Single(race, result => result.Status == AuthTokenConsumeStatus.Unknown);
        });
    }

    [PostgresAwareFact]
    public async Task An_expired_token_is_refused_and_removed()
    {
        var token = TokenFor(NewUserId(), Start.AddMinutes(10));
        await Store.AuthTokens.IssueAsync(token);

        Clock.Advance(TimeSpan.FromMinutes(10));
        var late = await Store.AuthTokens.ConsumeAsync(token.Token);
        var again = await Store.AuthTokens.ConsumeAsync(token.Token);

        Assert.Equal(AuthTokenConsumeStatus.Expired, late.Status);
        Assert.Equal(token.UserId, late.Token!.UserId);
        Assert.Equal(AuthTokenConsumeStatus.Unknown, again.Status);
    }

    [PostgresAwareFact]
    public async Task Purging_removes_expired_tokens_and_keeps_live_ones()
    {
        var shortLived = TokenFor(NewUserId(), Start.AddMinutes(1));
        var longLived = TokenFor(NewUserId(), Start.AddMinutes(30));
        await Store.AuthTokens.IssueAsync(shortLived);
        await Store.AuthTokens.IssueAsync(longLived);
        Clock.Advance(TimeSpan.FromMinutes(5));

        var purged = await Store.AuthTokens.PurgeExpiredAsync();

        Assert.True(purged >= 1);
        // Purged rather than refused as expired: the row is gone.
        Assert.Equal(AuthTokenConsumeStatus.Unknown, (await Store.AuthTokens.ConsumeAsync(shortLived.Token)).Status);
        Assert.Equal(AuthTokenConsumeStatus.Consumed, (await Store.AuthTokens.ConsumeAsync(longLived.Token)).Status);
    }

    [PostgresAwareFact]
    public async Task Issuing_a_token_text_twice_keeps_the_first_grant()
    {
        var first = TokenFor(NewUserId(), Start.AddMinutes(10));
        await Store.AuthTokens.IssueAsync(first);

        Assert.False(await Store.AuthTokens.IssueAsync(first with { UserId = NewUserId() }));
        Assert.Equal(first.UserId, (await Store.AuthTokens.ConsumeAsync(first.Token)).Token!.UserId);
    }

    [PostgresAwareFact]
    public async Task Malformed_tokens_are_refused_without_touching_stored_ones()
    {
        var token = TokenFor(NewUserId(), Start.AddMinutes(10));
        await Store.AuthTokens.IssueAsync(token);

        await Assert.ThrowsAsync<ArgumentException>(() => Store.AuthTokens.IssueAsync(token with { Token = new string('N', 256) }));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AuthTokens.IssueAsync(token with { ExpiresAt = Start }));
        Assert.Equal(AuthTokenConsumeStatus.Unknown, (await Store.AuthTokens.ConsumeAsync(new string('N', 256))).Status);
        Assert.Equal(AuthTokenConsumeStatus.Unknown, (await Store.AuthTokens.ConsumeAsync("")).Status);
        Assert.Equal(AuthTokenConsumeStatus.Unknown, (await Store.AuthTokens.ConsumeAsync(token.Token + "\0")).Status);

        Assert.Equal(AuthTokenConsumeStatus.Consumed, (await Store.AuthTokens.ConsumeAsync(token.Token)).Status);
    }
}
