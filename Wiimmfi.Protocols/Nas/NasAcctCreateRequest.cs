namespace Wiimmfi.Protocols.Nas;

/// <summary><c>action=acctcreate</c>: the console asks for a new user id. It sends the login field set minus <c>gsbrcd</c>, <c>userid</c> and <c>ingamesn</c>.</summary>
public sealed record NasAcctCreateRequest(NasConsoleInfo Console, NasForm Form) : NasAcRequest(Console, Form)
{
    /// <inheritdoc />
    public override NasAction Action => NasAction.AcctCreate;
}
