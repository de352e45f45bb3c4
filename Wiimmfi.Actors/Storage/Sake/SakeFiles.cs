namespace Wiimmfi.Actors.Storage;

/// <summary>What a stored file is. Frozen numbers (stored); append only.</summary>
public enum SakeFileKind
{
    /// <summary>Uploaded through <c>upload.aspx</c>.</summary>
    Generic = 1,
    /// <summary>A Mario Kart Wii ghost (RKGD) from <c>ghostupload.aspx</c>.</summary>
    MkwGhost = 2,
}

/// <summary>A file to store.</summary>
public sealed record SakeNewFile(int GameId, uint OwnerId, SakeFileKind Kind, byte[] Content);

/// <summary>A stored file.</summary>
public sealed record SakeStoredFile(int FileId, int GameId, uint OwnerId, SakeFileKind Kind, byte[] Content, long Downloads, DateTimeOffset Created);
