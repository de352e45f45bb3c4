using System.Buffers.Binary;
using Wiimmfi.ConsoleEmulator.Sake;
using Wiimmfi.Protocols.Mkw;
using Wiimmfi.Protocols.Sake;
using Wiimmfi.Protocols.Sake.Files;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Services;

/// <summary>The SAKE file server with Mario Kart Wii ghosts and generic files, over real HTTP.</summary>
public sealed class SakeGhostHttpTests
{
    private sealed record Player(uint ProfileId, byte[] Mii, byte[] PlayerInfo, SakeClient Console) : IDisposable
    {
        public void Dispose() => Console.Dispose();
    }

    private static async Task<Player> PlayerAsync(TestNode node, string name)
    {
        var profile = await node.NewProfileAsync(name);
        var mii = MkwSampleData.Mii(name, createId: 0x8000_0000_0000_0000 | ((ulong)profile << 8), creator: name + "'s dad");
        return new Player(profile, mii, MkwSampleData.PlayerInfo(mii), new SakeClient(node.Http(), node.Ticket(profile)));
    }

    [Fact]
    public async Task A_ghost_uploaded_by_one_player_is_downloaded_by_another_as_a_rival_with_the_uploaders_mii_scrubbed()
    {
        await using var node = await ServiceNodes.StartAsync();
        using var uploader = await PlayerAsync(node, "Daisy");
        using var racer = await PlayerAsync(node, "Wario");
        var ghost = MkwSampleData.Ghost(courseId: 12, totalMs: 95_500, uploader.Mii);

        var upload = await uploader.Console.UploadGhostAsync(regionId: 3, courseId: 12, scoreMs: 95_500, (int)uploader.ProfileId, uploader.PlayerInfo, ghost);
        var (result, body) = await racer.Console.DownloadGhostAsync((int)racer.ProfileId, courseId: 12, timeMs: 100_000);

        Assert.Equal(SakeFileResult.Success, upload);
        Assert.Equal(SakeFileResult.Success, result);
        Assert.Equal(MkwGhostDownloadRequest.HeaderSize + ghost.Length, body.Length);
        Assert.Equal(0x200u, BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(0x40)));
        var served = body[MkwGhostDownloadRequest.HeaderSize..];
        Assert.Equal(RkgdProblem.None, RkgdGhost.Validate(served, 12, 95_500));
        Assert.Equal(0x8000000000000000, BinaryPrimitives.ReadUInt64BigEndian(served.AsSpan(RkgdGhost.MiiOffset + MiiData.CreateIdOffset)));
        Assert.True(served.AsSpan(RkgdGhost.MiiOffset + MiiData.CreatorNameOffset, MiiData.NameLength).IndexOfAnyExcept((byte)0) < 0);
        // Everything but the Mii and the CRC is the uploaded ghost.
        Assert.Equal(ghost.AsSpan(0, RkgdGhost.MiiOffset).ToArray(), served.AsSpan(0, RkgdGhost.MiiOffset).ToArray());
        Assert.Equal(ghost.AsSpan(RkgdGhost.HeaderSize, ghost.Length - RkgdGhost.HeaderSize - 4).ToArray(),
            served.AsSpan(RkgdGhost.HeaderSize, ghost.Length - RkgdGhost.HeaderSize - 4).ToArray());

        // Nobody faster than 95.5 s, and a player is never given their own ghost.
        Assert.Equal(SakeFileResult.ServerError, (await racer.Console.DownloadGhostAsync((int)racer.ProfileId, 12, 95_500)).Result);
        Assert.Equal(SakeFileResult.ServerError, (await uploader.Console.DownloadGhostAsync((int)uploader.ProfileId, 12, 100_000)).Result);
    }

    [Fact]
    public async Task The_ghost_tables_name_the_rival_and_the_fastest_ghost_and_download_aspx_serves_it()
    {
        await using var node = await ServiceNodes.StartAsync();
        using var slow = await PlayerAsync(node, "Koopa");
        using var fast = await PlayerAsync(node, "Rosalina");
        using var asker = await PlayerAsync(node, "Toad");
        Assert.Equal(SakeFileResult.Success, await slow.Console.UploadGhostAsync(2, 5, 120_000, (int)slow.ProfileId, slow.PlayerInfo, MkwSampleData.Ghost(5, 120_000, slow.Mii)));
        Assert.Equal(SakeFileResult.Success, await fast.Console.UploadGhostAsync(3, 5, 110_000, (int)fast.ProfileId, fast.PlayerInfo, MkwSampleData.Ghost(5, 110_000, fast.Mii)));

        var rival = Assert.IsType<SakeRecordsResponse>(await asker.Console.SearchAsync("GhostData",
            "course = 5 and gameid = 1687 and time < 125000", "time desc", 0, 1, ["fileid", "profile", "time"]));
        var fastest = Assert.IsType<SakeRecordsResponse>(await asker.Console.SearchAsync("StoredGhostData",
            "course = 5 and gameid = 1687", "time", 0, 1, ["profile", "fileid"]));
        var inRegion = Assert.IsType<SakeRecordsResponse>(await asker.Console.SearchAsync("StoredGhostData",
            "region = 2 and course = 5 and gameid = 1687", "time", 0, 1, ["profile"]));
        var none = Assert.IsType<SakeRecordsResponse>(await asker.Console.SearchAsync("GhostData",
            "course = 5 and gameid = 1687 and time < 100000", "time desc", 0, 1, ["fileid"]));

        var rivalValues = Assert.Single(rival.Records);
        Assert.Equal(new[] { (int)slow.ProfileId, 120_000 }, new[] { rivalValues[1].GetInt32(), rivalValues[2].GetInt32() });
        Assert.Equal((int)fast.ProfileId, Assert.Single(fastest.Records)[0].GetInt32());
        Assert.Equal((int)slow.ProfileId, Assert.Single(inRegion.Records)[0].GetInt32());
        Assert.Empty(none.Records);
        var (result, file) = await asker.Console.DownloadFileAsync(rivalValues[0].GetInt32(), (int)asker.ProfileId);
        Assert.Equal(SakeFileResult.Success, result);
        Assert.Equal(RkgdProblem.None, RkgdGhost.Validate(file, 5, 120_000));
        Assert.Equal(SakeResult.FilterInvalid, (await asker.Console.SearchAsync("GhostData", "course = 5", null, 0, 1, ["fileid"])).Result);
        Assert.Equal(SakeResult.FilterInvalid, (await asker.Console.SearchAsync("StoredGhostData", "course = 5 and gameid = 1687 or 1 = 1", null, 0, 1, ["fileid"])).Result);
    }

    [Fact]
    public async Task An_invalid_or_slower_ghost_never_replaces_the_stored_one()
    {
        await using var node = await ServiceNodes.StartAsync();
        using var player = await PlayerAsync(node, "Birdo");
        using var other = await PlayerAsync(node, "Dry Bones");
        var good = MkwSampleData.Ghost(7, 90_000, player.Mii);
        Assert.Equal(SakeFileResult.Success, await player.Console.UploadGhostAsync(1, 7, 90_000, (int)player.ProfileId, player.PlayerInfo, good));

        var corrupt = MkwSampleData.Ghost(7, 80_000, player.Mii);
        corrupt[RkgdGhost.HeaderSize + 4 + 4] = 0x7F; // the Yaz1 stream now declares far more than it holds
        RkgdGhost.WriteChecksum(corrupt);
        var wrongScore = MkwSampleData.Ghost(7, 80_000, player.Mii);

        Assert.Equal(SakeFileResult.FileTooLarge, await player.Console.UploadGhostAsync(1, 7, 80_000, (int)player.ProfileId, player.PlayerInfo, corrupt));
        Assert.Equal(SakeFileResult.FileTooLarge, await player.Console.UploadGhostAsync(1, 7, 79_000, (int)player.ProfileId, player.PlayerInfo, wrongScore));
        Assert.Equal(SakeFileResult.FileTooLarge, await player.Console.UploadGhostAsync(1, 8, 80_000, (int)player.ProfileId, player.PlayerInfo, wrongScore));
        Assert.Equal(SakeFileResult.Success, await player.Console.UploadGhostAsync(1, 7, 99_000, (int)player.ProfileId, player.PlayerInfo,
            MkwSampleData.Ghost(7, 99_000, player.Mii)));

        var (_, body) = await other.Console.DownloadGhostAsync((int)other.ProfileId, 7, 100_000);
        Assert.Equal(90_000, RkgdGhost.GetTimeMs(body.AsSpan(MkwGhostDownloadRequest.HeaderSize), 0));
    }

    [Fact]
    public async Task Bad_parameters_or_an_unknown_profile_get_result_3_and_an_upload_without_the_ghost_part_result_4()
    {
        await using var node = await ServiceNodes.StartAsync();
        using var player = await PlayerAsync(node, "Funky");
        var ghost = MkwSampleData.Ghost(1, 90_000, player.Mii);
        var badMii = player.PlayerInfo.ToArray();
        badMii[3] ^= 0xFF;

        Assert.Equal(SakeFileResult.MissingParameter, await player.Console.UploadGhostAsync(0, 1, 90_000, (int)player.ProfileId, player.PlayerInfo, ghost));
        Assert.Equal(SakeFileResult.MissingParameter, await player.Console.UploadGhostAsync(1, 40, 90_000, (int)player.ProfileId, player.PlayerInfo, ghost));
        Assert.Equal(SakeFileResult.MissingParameter, await player.Console.UploadGhostAsync(1, 1, 360_000, (int)player.ProfileId, player.PlayerInfo, ghost));
        Assert.Equal(SakeFileResult.MissingParameter, await player.Console.UploadGhostAsync(1, 1, 90_000, (int)player.ProfileId, badMii, ghost));
        Assert.Equal(SakeFileResult.MissingParameter, await player.Console.UploadGhostAsync(1, 1, 90_000, 123_456, player.PlayerInfo, ghost));
        Assert.Equal(SakeFileResult.MissingParameter, (await player.Console.DownloadGhostAsync((int)player.ProfileId, 1, 90_000, region: 2)).Result);
        Assert.Equal(SakeFileResult.FileTooLarge, await player.Console.UploadGhostAsync(1, 1, 90_000, (int)player.ProfileId, player.PlayerInfo, new byte[20_000]));
    }

    [Fact]
    public async Task A_generic_file_round_trips_through_upload_and_download_within_the_size_bound()
    {
        await using var node = await ServiceNodes.StartAsync(configure: o => o with { Sake = o.Sake with { MaxFileSize = new Wiimmfi.Host.Configuration.ByteSize(50_000) } });
        using var player = await PlayerAsync(node, "Lakitu");
        var content = Enumerable.Range(0, 45_000).Select(i => (byte)(i * 31)).ToArray();

        var (uploaded, fileId) = await player.Console.UploadFileAsync((int)player.ProfileId, content);
        var (downloaded, body) = await player.Console.DownloadFileAsync(fileId, (int)player.ProfileId);
        var (tooLarge, _) = await player.Console.UploadFileAsync((int)player.ProfileId, new byte[50_001]);
        var (missing, _) = await player.Console.DownloadFileAsync(fileId + 1000, (int)player.ProfileId);

        Assert.Equal(SakeFileResult.Success, uploaded);
        Assert.True(fileId > 0);
        Assert.Equal(SakeFileResult.Success, downloaded);
        Assert.Equal(content, body);
        Assert.Equal(SakeFileResult.FileTooLarge, tooLarge);
        Assert.Equal(SakeFileResult.FileNotFound, missing);
    }
}
