using System.Globalization;
using System.Text;

namespace Wiimmfi.Protocols.Dls1;

/// <summary>Selection and formatting of DLS1 answers (dls1.md §3).</summary>
public static class Dls1Listing
{
    /// <summary>
    /// The entries a count or list answers: those whose attribute columns equal the request's
    /// <c>attr1</c>..<c>attr3</c> (an absent attribute matches anything), then <c>offset</c>
    /// skipped, then at most <c>num</c> kept.
    /// </summary>
    public static IReadOnlyList<Dls1ListEntry> Select(IReadOnlyList<Dls1ListEntry> entries, Dls1Request request)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(request);
        IEnumerable<Dls1ListEntry> selected = entries.Where(e =>
            (request.Attr1 is null || e.Attr1 == request.Attr1)
            && (request.Attr2 is null || e.Attr2 == request.Attr2)
            && (request.Attr3 is null || e.Attr3 == request.Attr3));
        if (request.Offset is { } offset)
        {
            selected = selected.Skip(offset);
        }
        if (request.Num is { } num)
        {
            selected = selected.Take(num);
        }
        return selected.ToList();
    }

    /// <summary>
    /// Body of a count answer: the decimal number, followed by a NUL byte when
    /// <paramref name="appendNul"/> (WiiLink sends one, AltWFC does not).
    /// </summary>
    public static byte[] CountBody(int count, bool appendNul)
    {
        var text = count.ToString(CultureInfo.InvariantCulture) + (appendNul ? "\0" : "");
        return Encoding.ASCII.GetBytes(text);
    }

    /// <summary>
    /// Body of a list answer: the lines joined and terminated by CR LF. An empty list is still one
    /// CR LF (Pokémon Black/White reports an error otherwise).
    /// </summary>
    public static byte[] ListBody(IEnumerable<Dls1ListEntry> entries)
    {
        var builder = new StringBuilder();
        foreach (var entry in entries)
        {
            builder.Append(entry.Format()).Append("\r\n");
        }
        if (builder.Length == 0)
        {
            builder.Append("\r\n");
        }
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    /// <summary>
    /// AltWFC's Pokémon Black/White (and 2) Mystery Gift rule: keep entries whose <c>attr2</c>, read as
    /// hexadecimal, has the bit of the game version named by the third letter of
    /// <c>rhgamecd</c> (A 0x100000, B 0x200000, D 0x400000, E 0x800000). Unknown letters keep the list.
    /// </summary>
    public static IReadOnlyList<Dls1ListEntry> FilterPokemonGen5(IReadOnlyList<Dls1ListEntry> entries, string referenceGameCode)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(referenceGameCode);
        long? bit = referenceGameCode.Length < 3 ? null : referenceGameCode[2] switch
        {
            'A' => 0x100000,
            'B' => 0x200000,
            'D' => 0x400000,
            'E' => 0x800000,
            _ => null,
        };
        if (bit is not { } mask)
        {
            return entries;
        }
        return entries.Where(e =>
            long.TryParse(e.Attr2, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var bits) && (bits & mask) == mask).ToList();
    }
}
