namespace Wiimmfi.Protocols.Nas;

/// <summary>A decoded request to <c>/ac</c>: one of <see cref="NasLoginRequest"/>,
/// <see cref="NasAcctCreateRequest"/>, <see cref="NasSvcLocRequest"/>.</summary>
/// <param name="Console">Descriptive console fields, for logs and policy.</param>
/// <param name="Form">The whole decoded form, for anything not modelled.</param>
public abstract record NasAcRequest(NasConsoleInfo Console, NasForm Form)
{
    /// <summary>Which action this request is.</summary>
    public abstract NasAction Action { get; }

    /// <summary>
    /// Reads the <c>action</c> field and the action's own fields. Never throws on bad input; see
    /// <see cref="NasAcParseResult"/> for what to answer.
    /// </summary>
    public static NasAcParseResult Parse(NasForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var action = form.GetText("action");
        if (string.IsNullOrEmpty(action))
        {
            return NasAcParseResult.Failed(NasAcParseFailure.MissingAction);
        }

        var console = NasConsoleInfo.From(form);
        if (action.Equals("login", StringComparison.OrdinalIgnoreCase))
        {
            var problem = NasLoginRequest.TryParse(form, console, out var login);
            return login is not null ? NasAcParseResult.Succeeded(login) : NasAcParseResult.InvalidLogin(problem);
        }

        if (action.Equals("acctcreate", StringComparison.OrdinalIgnoreCase))
        {
            return NasAcParseResult.Succeeded(new NasAcctCreateRequest(console, form));
        }

        if (action.Equals("svcloc", StringComparison.OrdinalIgnoreCase))
        {
            return NasAcParseResult.Succeeded(new NasSvcLocRequest(form.GetText("svc"), console, form));
        }

        return NasAcParseResult.Failed(NasAcParseFailure.UnknownAction);
    }
}

/// <summary>Why an <c>/ac</c> request could not be turned into a request model.</summary>
public enum NasAcParseFailure
{
    /// <summary>Parsed.</summary>
    None = 0,

    /// <summary>No <c>action</c> field: answer HTTP 400.</summary>
    MissingAction = 1,

    /// <summary>
    /// An action other than login/acctcreate/svcloc: answer HTTP 400 (older WiiLink) or
    /// <c>returncd=109</c> via <see cref="NasResponses.UnknownAction"/> (current WiiLink).
    /// </summary>
    UnknownAction = 2,

    /// <summary>A login with a missing or malformed field: answer <see cref="NasResponses.BadLoginRequest"/> (<c>returncd=103</c>).</summary>
    InvalidLogin = 3,
}

/// <summary>Outcome of <see cref="NasAcRequest.Parse"/>.</summary>
/// <param name="Request">The request, when parsing succeeded.</param>
/// <param name="Failure">Why it failed, otherwise <see cref="NasAcParseFailure.None"/>.</param>
/// <param name="LoginProblem">For <see cref="NasAcParseFailure.InvalidLogin"/>: the field at fault.</param>
public readonly record struct NasAcParseResult(NasAcRequest? Request, NasAcParseFailure Failure, NasLoginProblem LoginProblem)
{
    internal static NasAcParseResult Succeeded(NasAcRequest request) => new(request, NasAcParseFailure.None, NasLoginProblem.None);

    internal static NasAcParseResult Failed(NasAcParseFailure failure) => new(null, failure, NasLoginProblem.None);

    internal static NasAcParseResult InvalidLogin(NasLoginProblem problem) => new(null, NasAcParseFailure.InvalidLogin, problem);
}
