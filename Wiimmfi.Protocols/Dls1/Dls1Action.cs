namespace Wiimmfi.Protocols.Dls1;

/// <summary>The DLS1 <c>action</c> field (case-insensitive on the wire). Frozen numbers; append only.</summary>
public enum Dls1Action
{
    /// <summary>Number of files (decimal text).</summary>
    Count = 1,
    /// <summary>Tab-separated file lines.</summary>
    List = 2,
    /// <summary>One file's bytes.</summary>
    Contents = 3,
}
