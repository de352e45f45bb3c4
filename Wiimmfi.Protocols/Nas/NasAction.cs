namespace Wiimmfi.Protocols.Nas;

/// <summary>The <c>action</c> of a request to <c>/ac</c>.</summary>
public enum NasAction
{
    /// <summary><c>acctcreate</c>: hand out a new console user id.</summary>
    AcctCreate = 0,

    /// <summary><c>login</c>: issue the token and challenge for GPCM.</summary>
    Login = 1,

    /// <summary><c>svcloc</c> (also sent as <c>SVCLOC</c>): locate the download service.</summary>
    SvcLoc = 2,
}
