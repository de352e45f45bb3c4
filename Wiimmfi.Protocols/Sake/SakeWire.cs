namespace Wiimmfi.Protocols.Sake;

/// <summary>Names and paths of the SAKE storage service (sake.md §1–2).</summary>
public static class SakeWire
{
    /// <summary>XML namespace of every SAKE request and response element.</summary>
    public const string Namespace = "http://gamespy.net/sake";

    /// <summary>Path of the SOAP storage endpoint.</summary>
    public const string StoragePath = "/SakeStorageServer/StorageServer.asmx";

    /// <summary>Path prefix of the file server.</summary>
    public const string FileServerPath = "/SakeFileServer/";

    /// <summary>Response content type.</summary>
    public const string ContentType = "text/xml";
}
