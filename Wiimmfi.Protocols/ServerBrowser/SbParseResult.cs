namespace Wiimmfi.Protocols.ServerBrowser;

/// <summary>A parsed request or the reason it was refused; parsers return this instead of throwing.</summary>
public readonly struct SbParseResult
{
    private SbParseResult(SbRequest? request, SbParseError error, string? detail)
    {
        Request = request;
        Error = error;
        Detail = detail;
    }

    /// <summary>The request when <see cref="IsSuccess"/>.</summary>
    public SbRequest? Request { get; }

    /// <summary>Why it failed (<see cref="SbParseError.None"/> on success).</summary>
    public SbParseError Error { get; }

    /// <summary>Short explanation for logs.</summary>
    public string? Detail { get; }

    /// <summary>True when <see cref="Request"/> is set.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Request))]
    public bool IsSuccess => Request is not null;

    /// <summary>A parsed request.</summary>
    public static SbParseResult Success(SbRequest request) => new(request, SbParseError.None, null);

    /// <summary>A refused request.</summary>
    public static SbParseResult Failure(SbParseError error, string detail) => new(null, error, detail);

    /// <inheritdoc/>
    public override string ToString() => IsSuccess ? Request.ToString()! : $"{Error}: {Detail}";
}
