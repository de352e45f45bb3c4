namespace Wiimmfi.Protocols.Mkw;

/// <summary>Why a ghost file (RKGD) was refused by <see cref="RkgdGhost.Validate"/>. Frozen numbers (they label logs and metrics); append only.</summary>
public enum RkgdProblem
{
    None = 0,
    /// <summary>Shorter than <see cref="RkgdGhost.MinSize"/> or longer than <see cref="RkgdGhost.MaxSize"/>.</summary>
    BadSize = 1,
    /// <summary>Does not start with <c>RKGD</c>.</summary>
    BadMagic = 2,
    /// <summary>The CRC-32 in the last four bytes does not match.</summary>
    BadChecksum = 3,
    /// <summary>Lap count other than 3 (the game overflows a stack buffer above 5).</summary>
    BadLapCount = 4,
    /// <summary>A lap or total time is zero or has minutes &gt; 5, seconds &gt; 59 or milliseconds &gt; 999.</summary>
    BadTime = 5,
    /// <summary>The total time differs from the score the upload claims.</summary>
    ScoreMismatch = 6,
    /// <summary>The laps do not add up to the total (±1 ms).</summary>
    LapSumMismatch = 7,
    /// <summary>The course differs from the upload's course id, or is not one of the 32 courses.</summary>
    BadCourse = 8,
    /// <summary>Unknown character (or Mii outfit C), vehicle or controller.</summary>
    BadCombo = 9,
    /// <summary>The Mii at 0x3C has a wrong CRC.</summary>
    BadMii = 10,
    /// <summary>The input data is not Yaz1-compressed (uploads must be).</summary>
    NotCompressed = 11,
    /// <summary>The Yaz1 stream is malformed, reads outside itself, or does not decode to exactly its declared size.</summary>
    BadCompression = 12,
    /// <summary>More than 3 bytes follow the end of the Yaz1 stream.</summary>
    TrailingData = 13,
}
