namespace Wiimmfi.Actors.Runtime.Serialization;

/// <summary>
/// The frozen name of a message type on the wire and in the journal (<c>[WireName("gpcm.login")]</c>).
/// The name, not the CLR type name, identifies the type, so classes can be renamed and moved freely —
/// but a name, once shipped, never changes and is never reused (append only).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class WireNameAttribute : Attribute
{
    public WireNameAttribute(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    public string Name { get; }
}
