using Wiimmfi.Actors.Storage;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Storage;

public abstract partial class StoreConformanceTests
{
    [PostgresAwareFact]
    public async Task A_console_is_created_on_its_first_sighting_and_later_sightings_move_last_seen()
    {
        var mac = NewMac();
        var userId = NewUserId();

        var first = await Store.Consoles.RecordSightingAsync(new ConsoleSighting(mac, 0x0403AC68, 6168191425252890, "LU519608598", userId));
        Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await Store.Consoles.RecordSightingAsync(new ConsoleSighting(mac));

        Assert.Equal(new ConsoleRecord(mac, 0x0403AC68, 6168191425252890, "LU519608598", userId, ConsoleFlags.None, Start, Start), first);
        Assert.Equal(first with { LastSeen = Start.AddMinutes(5) }, second);
        Assert.Equal(second, await Store.Consoles.GetAsync(mac));
    }

    [PostgresAwareFact]
    public async Task A_sighting_replaces_the_fields_it_carries_and_keeps_the_others()
    {
        var mac = NewMac();
        await Store.Consoles.RecordSightingAsync(new ConsoleSighting(mac, 7, 4801079108652814, "LU000000001", NewUserId()));
        var newUserId = NewUserId();

        var updated = await Store.Consoles.RecordSightingAsync(new ConsoleSighting(mac, UserId: newUserId, Serial: "LU000000002"));

        Assert.Equal(7u, updated.NgId);
        Assert.Equal(4801079108652814, updated.ConsoleFriendCode);
        Assert.Equal("LU000000002", updated.Serial);
        Assert.Equal(newUserId, updated.UserId);
    }

    [PostgresAwareFact]
    public async Task A_console_is_found_by_its_MAC_in_any_spelling_and_by_its_NG_id()
    {
        var mac = NewMac();
        var ngId = NewNgId();
        var spelled = string.Join(':', Enumerable.Range(0, 6).Select(i => mac.Substring(i * 2, 2))).ToUpperInvariant();
        await Store.Consoles.RecordSightingAsync(new ConsoleSighting(spelled, ngId));

        Assert.Equal(mac, (await Store.Consoles.GetAsync(mac))!.Mac);
        Assert.Equal([mac], (await Store.Consoles.FindByNgIdAsync(ngId)).Select(c => c.Mac));
        Assert.Null(await Store.Consoles.GetAsync(NewMac()));
    }

    [PostgresAwareFact]
    public async Task Console_flags_are_stored_and_unknown_consoles_are_reported()
    {
        var mac = NewMac();
        await Store.Consoles.RecordSightingAsync(new ConsoleSighting(mac));

        Assert.True(await Store.Consoles.SetFlagsAsync(mac, ConsoleFlags.Registered | ConsoleFlags.SharedNgId));
        Assert.False(await Store.Consoles.SetFlagsAsync(NewMac(), ConsoleFlags.Registered));
        Assert.Equal(ConsoleFlags.Registered | ConsoleFlags.SharedNgId, (await Store.Consoles.GetAsync(mac))!.Flags);
    }

    [PostgresAwareFact]
    public async Task A_malformed_sighting_is_refused_and_the_stored_console_is_untouched()
    {
        var mac = NewMac();
        var stored = await Store.Consoles.RecordSightingAsync(new ConsoleSighting(mac, Serial: "LU519608598"));

        await Assert.ThrowsAsync<ArgumentException>(() => Store.Consoles.RecordSightingAsync(new ConsoleSighting("not-a-mac")));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => Store.Consoles.RecordSightingAsync(new ConsoleSighting(mac, ConsoleFriendCode: 10_000_000_000_000_000)));
        await Assert.ThrowsAsync<ArgumentException>(
            () => Store.Consoles.RecordSightingAsync(new ConsoleSighting(mac, Serial: new string('9', 33))));

        Assert.Equal(stored, await Store.Consoles.GetAsync(mac));
    }
}
