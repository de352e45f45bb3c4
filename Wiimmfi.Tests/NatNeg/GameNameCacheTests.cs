using Wiimmfi.Actors.Frontends.NatNeg;

namespace Wiimmfi.Tests.NatNeg;

/// <summary>Game names are shared between negotiations, with a bound on how many are remembered.</summary>
public sealed class GameNameCacheTests
{
    [Fact]
    public void Equal_names_come_back_as_one_shared_instance()
    {
        var cache = new GameNameCache();
        var first = new string("mariokartwii".AsSpan());
        var second = new string("mariokartwii".AsSpan());

        Assert.Same(first, cache.Share(first));
        Assert.Same(first, cache.Share(second));
    }

    [Fact]
    public void A_flood_of_invented_names_stops_growing_the_cache_at_its_bound()
    {
        var cache = new GameNameCache();

        for (var i = 0; i < GameNameCache.MaxNames * 3; i++) Assert.Equal($"game{i}", cache.Share($"game{i}"));

        Assert.Equal(GameNameCache.MaxNames, cache.Count);
    }
}
