using System.Globalization;

namespace Wiimmfi.Protocols.Sake.Files;

/// <summary>Response headers of the SAKE file server (sake.md §9).</summary>
public static class SakeFileHeaders
{
    /// <summary>Outcome of the call, a decimal <see cref="SakeFileResult"/>; present on every reply.</summary>
    public const string Result = "Sake-File-Result";

    /// <summary>Id of an uploaded file (upload.aspx success only).</summary>
    public const string FileId = "Sake-File-Id";

    /// <summary>The header value for <paramref name="result"/>.</summary>
    public static string Format(SakeFileResult result) => ((int)result).ToString(CultureInfo.InvariantCulture);
}
