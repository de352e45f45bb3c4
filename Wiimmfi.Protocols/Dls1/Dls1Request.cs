using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Wiimmfi.Protocols.Dls1;

/// <summary>
/// A DLS1 request, built from the already-decoded form fields (the NWC-base64 form decoding is the
/// NAS codec's job; this type only judges the decoded values).
/// </summary>
/// <param name="Action">count, list or contents.</param>
/// <param name="ReferenceGameCode"><c>rhgamecd</c>: 4 upper-case letters/digits (WiiLink keys its directories by it).</param>
/// <param name="GameCode"><c>gamecd</c>: the running game's ID4 (AltWFC keys its directories by it), or null.</param>
/// <param name="Token">The <c>svcloc</c> token, or null.</param>
/// <param name="Attr1">Exact-match filter on the list's 3rd column; null matches anything.</param>
/// <param name="Attr2">… 4th column.</param>
/// <param name="Attr3">… 5th column.</param>
/// <param name="Num">Most lines to return, or null for all.</param>
/// <param name="Offset">Lines to skip, or null.</param>
/// <param name="ContentsName">contents: the file's base name (already checked for traversal).</param>
public sealed record Dls1Request(
    Dls1Action Action, string ReferenceGameCode, string? GameCode, string? Token,
    string? Attr1, string? Attr2, string? Attr3, int? Num, int? Offset, string? ContentsName)
{
    /// <summary>Largest <c>num</c>/<c>offset</c> accepted; real lists hold tens of files.</summary>
    public const int MaxPaging = 100_000;

    /// <summary>Longest attribute value accepted (real ones are short codes).</summary>
    public const int MaxAttributeLength = 256;

    /// <summary>Longest file name accepted.</summary>
    public const int MaxFileNameLength = 128;

    /// <summary>Longest token accepted.</summary>
    public const int MaxTokenLength = 512;

    public static bool TryParse(
        IReadOnlyDictionary<string, string> fields,
        [NotNullWhen(true)] out Dls1Request? request, [NotNullWhen(false)] out Dls1RequestError? error)
    {
        ArgumentNullException.ThrowIfNull(fields);
        request = null;
        error = null;

        if (!fields.TryGetValue("action", out var actionText) || actionText.Length == 0)
        {
            error = Dls1RequestError.BadRequest("No action.");
            return false;
        }
        Dls1Action? action = actionText.ToLowerInvariant() switch
        {
            "count" => Dls1Action.Count,
            "list" => Dls1Action.List,
            "contents" => Dls1Action.Contents,
            _ => null,
        };
        if (action is null)
        {
            error = Dls1RequestError.BadRequest($"Unknown action '{Shorten(actionText)}'.");
            return false;
        }

        if (!fields.TryGetValue("rhgamecd", out var rhGameCode) || !IsGameCode(rhGameCode))
        {
            error = Dls1RequestError.BadRequest("Missing or invalid rhgamecd.");
            return false;
        }
        fields.TryGetValue("gamecd", out var gameCode);
        if (gameCode is not null && !IsGameCode(gameCode))
        {
            // gamecd may name a directory (AltWFC), so nothing but a plain code is let through.
            error = Dls1RequestError.Forbidden("Invalid gamecd.");
            return false;
        }
        fields.TryGetValue("token", out var token);
        if (token?.Length > MaxTokenLength)
        {
            error = Dls1RequestError.BadRequest("Token too long.");
            return false;
        }

        var problems = new[]
        {
            Attribute(fields, "attr1", out var attr1), Attribute(fields, "attr2", out var attr2), Attribute(fields, "attr3", out var attr3),
            Paging(fields, "num", out var num), Paging(fields, "offset", out var offset),
        };
        error = problems.FirstOrDefault(problem => problem is not null);
        if (error is not null)
        {
            return false;
        }

        string? contents = null;
        if (action == Dls1Action.Contents)
        {
            if (!fields.TryGetValue("contents", out contents) || contents.Length == 0)
            {
                error = Dls1RequestError.BadRequest("contents without a file name.");
                return false;
            }
            if (!IsPlainFileName(contents))
            {
                error = Dls1RequestError.Forbidden($"File name '{Shorten(contents)}' is not a plain base name.");
                return false;
            }
        }

        request = new Dls1Request(action.Value, rhGameCode, gameCode, token, attr1, attr2, attr3, num, offset, contents);
        return true;
    }

    /// <summary>Four upper-case ASCII letters or digits (a game's ID4).</summary>
    public static bool IsGameCode(string text) =>
        text.Length == 4 && text.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9'));

    /// <summary>
    /// A name that stays inside the game's directory: no separators, no <c>..</c>, no NUL or control
    /// characters, not the list file itself, bounded length.
    /// </summary>
    public static bool IsPlainFileName(string name) =>
        name.Length is > 0 and <= MaxFileNameLength
        && name is not ("." or "..")
        && !name.Equals(Dls1Wire.ListFileName, StringComparison.OrdinalIgnoreCase)
        && name.All(c => c >= ' ' && c != '/' && c != '\\' && c != ':' && c != (char)127)
        && !name.Contains("..", StringComparison.Ordinal);

    // Each returns the error, or null when the field is absent or acceptable.
    private static Dls1RequestError? Attribute(IReadOnlyDictionary<string, string> fields, string name, out string? value)
    {
        fields.TryGetValue(name, out value);
        return value is { Length: > MaxAttributeLength } ? Dls1RequestError.BadRequest($"{name} is too long.") : null;
    }

    private static Dls1RequestError? Paging(IReadOnlyDictionary<string, string> fields, string name, out int? value)
    {
        value = null;
        if (!fields.TryGetValue(name, out var text) || text.Length == 0)
        {
            return null;
        }
        if (text.Length > 7 || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > MaxPaging)
        {
            return Dls1RequestError.BadRequest($"{name} is not a number in 0..{MaxPaging}.");
        }
        value = number;
        return null;
    }

    private static string Shorten(string text) => text.Length <= 32 ? text : text[..32] + "…";
}
