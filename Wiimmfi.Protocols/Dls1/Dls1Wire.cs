namespace Wiimmfi.Protocols.Dls1;

/// <summary>Names, paths and header values of the DLS1 download server (dls1.md).</summary>
public static class Dls1Wire
{
    /// <summary>The one endpoint (POST, NAS-style form).</summary>
    public const string Path = "/download";

    /// <summary>Content type of count and list answers.</summary>
    public const string TextContentType = "text/plain";

    /// <summary>Content type of a file (contents answer).</summary>
    public const string FileContentType = "application/x-dsdl";

    /// <summary>Header AltWFC adds to every answer (value: its own base URL).</summary>
    public const string HostHeader = "X-DLS-Host";

    /// <summary>Name of the optional index file in a game's directory.</summary>
    public const string ListFileName = "_list.txt";

    /// <summary>The <c>Content-Disposition</c> value for a contents answer.</summary>
    public static string ContentDisposition(string fileName) => $"attachment; filename=\"{fileName}\"";
}
