namespace Wiimmfi.Protocols.Common;

/// <summary>Why a framed GameSpy message body could not be read.</summary>
public enum GameSpyParseError
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>The body is empty or holds no command key.</summary>
    MissingCommand = 1,

    /// <summary>The body does not start with a backslash (stray bytes before a message).</summary>
    MissingLeadingBackslash = 2,

    /// <summary>The body contains a NUL byte (WiiLink answers GP error 1).</summary>
    ContainsNul = 3,

    /// <summary>A key between two backslashes is empty (<c>\a\1\\x\…</c>).</summary>
    EmptyKey = 4,

    /// <summary>More key/value pairs than <see cref="GameSpyMessage.MaxFields"/>.</summary>
    TooManyFields = 5,
}
