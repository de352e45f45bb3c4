namespace Wiimmfi.Protocols.Sake.Files;

/// <summary>
/// Value of the <c>Sake-File-Result</c> response header (GameSpy SDK <c>SAKEFileResult</c>).
/// Frozen wire numbers.
/// </summary>
public enum SakeFileResult
{
    Success = 0,
    /// <summary>Wrong HTTP method for the call.</summary>
    BadHttpMethod = 1,
    /// <summary>Wrong number of files in an upload.</summary>
    BadFileCount = 2,
    /// <summary>A query parameter is missing or invalid (WiiLink uses it for every bad parameter).</summary>
    MissingParameter = 3,
    /// <summary>No file part in an upload, or no such file.</summary>
    FileNotFound = 4,
    /// <summary>File too large (WiiLink also uses it for an invalid ghost file).</summary>
    FileTooLarge = 5,
    /// <summary>Server failure, or (MKW ghost download) nothing found.</summary>
    ServerError = 6,
}
