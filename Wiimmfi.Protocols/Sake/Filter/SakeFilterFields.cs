namespace Wiimmfi.Protocols.Sake.Filter;

/// <summary>Questions a service asks about a parsed filter.</summary>
public static class SakeFilterFields
{
    /// <summary>
    /// Names of the record fields the filter reads (metadata names excluded), in first-use order —
    /// for a table that refuses unknown fields with <see cref="SakeResult.FieldNotFound"/>.
    /// </summary>
    public static IReadOnlyList<string> Referenced(SakeFilterNode filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var names = new List<string>();
        var pending = new Stack<SakeFilterNode>();
        pending.Push(filter);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case SakeFilterIdentifier identifier when !SakeReservedFields.IsMetadata(identifier.Name) && !names.Contains(identifier.Name):
                    names.Add(identifier.Name);
                    break;
                case SakeFilterBinary binary:
                    pending.Push(binary.Right);
                    pending.Push(binary.Left);
                    break;
                case SakeFilterFunction function:
                    for (var i = function.Arguments.Count - 1; i >= 0; i--)
                    {
                        pending.Push(function.Arguments[i]);
                    }
                    break;
            }
        }
        return names;
    }
}
