using System.Diagnostics.CodeAnalysis;

namespace Wiimmfi.Protocols.Sake.Filter;

/// <summary>A parsed filter, or why it is invalid (answer <see cref="SakeResult.FilterInvalid"/>).</summary>
public readonly record struct SakeFilterParseResult(SakeFilterNode? Filter, SakeFilterError? Error)
{
    [MemberNotNullWhen(true, nameof(Filter))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Filter is not null;
}
