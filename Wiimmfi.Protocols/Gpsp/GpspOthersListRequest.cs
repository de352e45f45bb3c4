using System.Buffers;
using System.Globalization;
using System.Text;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Protocols.Gpsp;

/// <summary>
/// <c>\otherslist\\sesskey\…\profileid\…\numopids\…\opids\&lt;pid&gt;|&lt;pid&gt;…\namespaceid\…\gamename\…</c>:
/// the caller's friend list, asking for the friends' nicks. Answer with <see cref="GpspOthersListReply"/>.
/// </summary>
/// <param name="SessionKey">The caller's GPCM session key (verify it against the live session).</param>
/// <param name="ProfileId">The caller's profile id.</param>
/// <param name="ProfileIds">The requested profile ids, in order (empty when <c>opids</c> is <c>0</c> or empty).</param>
/// <param name="NamespaceId">GameSpy namespace (MKW: 16), when given.</param>
/// <param name="GameName">The caller's game.</param>
public sealed record GpspOthersListRequest(int SessionKey, uint ProfileId, IReadOnlyList<uint> ProfileIds, int? NamespaceId, string GameName) : GpspRequest
{
    /// <summary>
    /// Bound on requested ids. A console sends its own friend roster, a few dozen entries at most
    /// (Mario Kart Wii keeps 30); 256 leaves room for other games.
    /// </summary>
    public const int MaxProfileIds = 256;

    internal static GpspParseResult FromMessage(GameSpyMessage message)
    {
        var sessionKey = ReadInt(message, "sesskey");
        var count = ReadInt(message, "numopids");
        var opids = message.GetValueOrNull("opids");
        var gameName = message.GetValueOrNull("gamename");
        if (sessionKey is null || count is null or < 0 || opids is null || string.IsNullOrEmpty(gameName)
            || !TryReadProfileId(message.GetValueOrNull("profileid"), out var profileId))
        {
            return GpspParseResult.Fail(GpErrorCode.Search);
        }

        var ids = new List<uint>();
        if (opids is not ("0" or ""))
        {
            // Counting separators first bounds the work before anything is parsed.
            if (opids.AsSpan().Count('|') + 1 > MaxProfileIds)
            {
                return GpspParseResult.Fail(GpErrorCode.Search);
            }

            foreach (var part in opids.Split('|'))
            {
                if (!TryReadProfileId(part, out var id))
                {
                    return GpspParseResult.Fail(GpErrorCode.Search);
                }

                ids.Add(id);
            }

            if (ids.Count != count)
            {
                return GpspParseResult.Fail(GpErrorCode.Search);
            }
        }

        return GpspParseResult.Ok(new GpspOthersListRequest(sessionKey.Value, profileId, ids, ReadInt(message, "namespaceid"), gameName));
    }

    /// <inheritdoc />
    public override void WriteTo(IBufferWriter<byte> output)
    {
        var opids = new StringBuilder();
        for (var i = 0; i < ProfileIds.Count; i++)
        {
            opids.Append(i == 0 ? string.Empty : "|").Append(ProfileIds[i].ToString(CultureInfo.InvariantCulture));
        }

        var writer = new GameSpyMessageWriter(output);
        writer.WriteCommand("otherslist", string.Empty);
        writer.Write("sesskey", SessionKey);
        writer.Write("profileid", ProfileId);
        writer.Write("numopids", ProfileIds.Count);
        writer.Write("opids", ProfileIds.Count == 0 ? "0" : opids.ToString());
        WriteIfSet(writer, "namespaceid", NamespaceId);
        writer.Write("gamename", GameName);
        writer.WriteFinal();
    }
}
