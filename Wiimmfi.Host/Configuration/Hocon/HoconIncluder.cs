using System.Text;

namespace Wiimmfi.Host.Configuration.Hocon;

/// <summary>
/// Reads files for the parser: the top-level files and every <c>include</c>.
///
/// Rules (HOCON.md, "Includes"):
/// * A relative name is found next to the including file, never in the working directory.
/// * A name without an extension loads <c>name.json</c> then <c>name.conf</c> (both if both exist; the
///   HOCON one last so it wins).
/// * A missing file is silently an empty object, unless the include says <c>required(…)</c>.
/// * <c>file("…")</c> and <c>file:</c> URLs are files; other URLs and <c>classpath(…)</c> have no meaning
///   in this server and are reported as errors rather than ignored.
/// * Files must be UTF-8; a cycle of includes is an error naming the chain.
/// </summary>
internal sealed class HoconIncluder
{
    /// <summary>Real configurations include a few levels deep; deeper means a mistake.</summary>
    private const int MaxIncludeDepth = 32;

    /// <summary>Configuration files are small; the whole file is held in memory, so refuse absurd ones.</summary>
    private const long MaxFileBytes = 4 * 1024 * 1024;

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly List<string> _openFiles = [];

    /// <summary>Parses a top-level file; it must exist.</summary>
    public HoconObjectNode ParseFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new HoconException($"configuration file not found: {path}");
        }
        return ParseExistingFile(path, HoconPath.Root, includedFrom: null);
    }

    /// <summary>Parses text that did not come from a file; relative includes are looked up in <paramref name="directory"/>.</summary>
    public HoconObjectNode ParseText(string text, string source, string directory) =>
        new HoconParser(new HoconLexer(StripBom(text), source), this, HoconPath.Root, directory).ParseDocument();

    /// <summary>Loads what an include statement names; null when an optional include finds nothing.</summary>
    public HoconObjectNode? Include(HoconIncludeSpec spec, string directory, HoconPath prefix)
    {
        var name = spec.Kind switch
        {
            HoconIncludeKind.File => spec.Name,
            HoconIncludeKind.Classpath => throw new HoconParseException(
                $"classpath(\"{spec.Name}\") includes are a Java feature; name the file with file(\"…\") instead", spec.Origin),
            _ => FileNameFromUrlOrName(spec),
        };
        if (name.Length == 0)
        {
            throw new HoconParseException("include names an empty file name", spec.Origin);
        }

        var fullName = Path.IsPathRooted(name) ? name : Path.Combine(directory, name);
        string[] candidates = Path.HasExtension(fullName) ? [fullName] : [fullName + ".json", fullName + ".conf"];
        HoconObjectNode? result = null;
        foreach (var candidate in candidates.Where(File.Exists))
        {
            var included = ParseExistingFile(candidate, prefix, spec.Origin);
            if (result is null)
            {
                result = included;
            }
            else
            {
                result.MergeFrom(included);
            }
        }
        if (result is null && spec.Required)
        {
            throw new HoconParseException(
                $"required include \"{spec.Name}\" not found (looked for {string.Join(" and ", candidates)})", spec.Origin);
        }
        return result;
    }

    private static string FileNameFromUrlOrName(HoconIncludeSpec spec)
    {
        var looksLikeUrl = spec.Name.Contains("://", StringComparison.Ordinal) || spec.Name.StartsWith("file:", StringComparison.Ordinal);
        if (spec.Kind == HoconIncludeKind.Url || looksLikeUrl)
        {
            if (Uri.TryCreate(spec.Name, UriKind.Absolute, out var uri) && uri.IsFile)
            {
                return uri.LocalPath;
            }
            throw new HoconParseException(
                $"cannot include \"{spec.Name}\": only files can be included (fetching configuration over the network at start-up is not supported)",
                spec.Origin);
        }
        return spec.Name;
    }

    private HoconObjectNode ParseExistingFile(string path, HoconPath prefix, HoconOrigin? includedFrom)
    {
        var fullPath = Path.GetFullPath(path);
        if (_openFiles.Contains(fullPath, StringComparer.Ordinal))
        {
            var chain = string.Join(" -> ", _openFiles.SkipWhile(f => f != fullPath).Append(fullPath).Select(Path.GetFileName));
            throw new HoconParseException($"include cycle: {chain}", includedFrom ?? new HoconOrigin(path, 1, 1));
        }
        if (_openFiles.Count >= MaxIncludeDepth)
        {
            throw new HoconParseException($"includes are nested more than {MaxIncludeDepth} deep", includedFrom ?? new HoconOrigin(path, 1, 1));
        }

        var text = ReadText(path, includedFrom);
        _openFiles.Add(fullPath);
        try
        {
            var directory = Path.GetDirectoryName(path) is { Length: > 0 } dir ? dir : ".";
            return new HoconParser(new HoconLexer(text, path), this, prefix, directory).ParseDocument();
        }
        finally
        {
            _openFiles.RemoveAt(_openFiles.Count - 1);
        }
    }

    private static string ReadText(string path, HoconOrigin? includedFrom)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (info.Length > MaxFileBytes)
            {
                throw new HoconParseException($"file is {info.Length} bytes; configuration files are limited to {MaxFileBytes} bytes", new HoconOrigin(path, 1, 1));
            }
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HoconException($"cannot read configuration file {path}: {e.Message}", includedFrom, e);
        }

        try
        {
            return StripBom(s_strictUtf8.GetString(bytes));
        }
        catch (DecoderFallbackException e)
        {
            var offset = Math.Clamp(e.Index, 0, bytes.Length);
            var line = 1 + bytes.AsSpan(0, offset).Count((byte)'\n');
            throw new HoconParseException($"the file is not valid UTF-8 (byte offset {offset})", new HoconOrigin(path, line, 1), e);
        }
    }

    private static string StripBom(string text) => text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
}
