namespace Wiimmfi.Actors.Storage;

/// <summary>Which service a login attempt reached. Values are frozen (stored): append, never renumber.</summary>
public enum LoginService
{
    /// <summary>NAS <c>login</c> / <c>acctcreate</c> (HTTP).</summary>
    Nas = 1,

    /// <summary>GPCM <c>\login\</c> (TCP 29900).</summary>
    Gpcm = 2,
}
