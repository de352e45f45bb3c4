using System.Text;

namespace Wiimmfi.Actors.Runtime;

/// <summary>
/// The name of an actor: the <see cref="Address"/> of its system and the chain of names from the root
/// (<c>wiimmfi://sys@host:port/user/a/b</c>). Paths are compared by address and names; the
/// <see cref="Uid"/> tells apart two incarnations that used the same name and is printed only by
/// <see cref="ToSerializationFormat"/> (<c>…/b#1234</c>).
/// A child path keeps only its parent and its own name, so an idle actor pays one small object for it.
/// </summary>
public abstract class ActorPath : IEquatable<ActorPath>
{
    private protected ActorPath(long uid) => Uid = uid;

    /// <summary>The address of the system the actor lives in.</summary>
    public abstract Address Address { get; }

    /// <summary>The last element (the actor's own name); "/" for the root.</summary>
    public abstract string Name { get; }

    /// <summary>The parent path, or null for the root.</summary>
    public abstract ActorPath? Parent { get; }

    /// <summary>The incarnation id of the actor (0 = not known).</summary>
    public long Uid { get; }

    /// <summary>How many names follow the root (0 for the root).</summary>
    public abstract int Depth { get; }

    /// <summary>The root of this path.</summary>
    public ActorPath Root
    {
        get
        {
            var p = this;
            while (p.Parent is { } parent) p = parent;
            return p;
        }
    }

    /// <summary>The names after the root, outermost first.</summary>
    public IReadOnlyList<string> Elements
    {
        get
        {
            var result = new string[Depth];
            var p = this;
            for (var i = result.Length - 1; i >= 0; i--)
            {
                result[i] = p.Name;
                p = p.Parent!;
            }
            return result;
        }
    }

    /// <summary>A child of this path (uid unknown).</summary>
    public ActorPath Child(string name) => new ChildActorPath(this, name, 0);

    public static ActorPath operator /(ActorPath parent, string name) => parent.Child(name);

    internal ActorPath WithUid(long uid) =>
        this is ChildActorPath c ? new ChildActorPath(c.Parent, c.Name, uid) : this;

    /// <summary>The path without the address: <c>/user/a/b</c>.</summary>
    public string ToStringWithoutAddress()
    {
        if (Depth == 0) return "/";
        var sb = new StringBuilder();
        AppendElements(sb);
        return sb.ToString();
    }

    /// <summary>The full path: <c>wiimmfi://sys@host:port/user/a/b</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(Address.ToString());
        if (Depth == 0) sb.Append('/');
        else AppendElements(sb);
        return sb.ToString();
    }

    /// <summary>The full path with the incarnation id when known: <c>…/user/a/b#1234</c>.</summary>
    public string ToSerializationFormat() => Uid == 0 ? ToString() : ToString() + "#" + Uid.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private void AppendElements(StringBuilder sb)
    {
        if (Parent is { } parent && parent.Depth > 0) parent.AppendElements(sb);
        sb.Append('/').Append(Name);
    }

    public bool Equals(ActorPath? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || Depth != other.Depth) return false;
        ActorPath? a = this, b = other;
        while (a!.Depth > 0)
        {
            if (!string.Equals(a.Name, b!.Name, StringComparison.Ordinal)) return false;
            a = a.Parent;
            b = b.Parent;
        }
        return a.Address == b!.Address;
    }

    public override bool Equals(object? obj) => obj is ActorPath p && Equals(p);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        for (var p = this; p is not null; p = p.Parent) hash.Add(p.Name, StringComparer.Ordinal);
        return hash.ToHashCode();
    }

    public static bool operator ==(ActorPath? a, ActorPath? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(ActorPath? a, ActorPath? b) => !(a == b);

    /// <summary>
    /// Parses <c>wiimmfi://sys[@host:port]/a/b[#uid]</c> or an address-less <c>/a/b[#uid]</c>.
    /// Returns false for anything else. The elements are not checked against actor name rules.
    /// </summary>
    public static bool TryParse(string text, out Address? address, out string[] elements, out long uid)
    {
        elements = [];
        uid = 0;
        address = null;
        if (string.IsNullOrEmpty(text)) return false;
        var span = text.AsSpan();
        var hash = span.LastIndexOf('#');
        if (hash >= 0)
        {
            if (!long.TryParse(span[(hash + 1)..], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out uid)) return false;
            span = span[..hash];
        }
        var used = Address.TryParsePrefix(span, out address);
        if (used == 0 && text.StartsWith(Address.Scheme + ":", StringComparison.Ordinal)) return false;
        span = span[used..];
        if (span.IsEmpty) return address is not null;
        if (span[0] != '/') return false;
        var parts = new List<string>();
        foreach (var range in span[1..].Split('/'))
        {
            var part = span[1..][range];
            if (part.IsEmpty) continue;
            parts.Add(part.ToString());
        }
        elements = [.. parts];
        return true;
    }
}

/// <summary>The root of every path of one system: <c>wiimmfi://sys/</c>.</summary>
public sealed class RootActorPath : ActorPath
{
    public RootActorPath(Address address) : base(0) => Address = address;
    public override Address Address { get; }
    public override string Name => "/";
    public override ActorPath? Parent => null;
    public override int Depth => 0;
}

/// <summary>A path below the root: a parent and one name.</summary>
public sealed class ChildActorPath : ActorPath
{
    private readonly ActorPath _parent;
    private readonly string _name;

    public ChildActorPath(ActorPath parent, string name, long uid) : base(uid)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentException.ThrowIfNullOrEmpty(name);
        _parent = parent;
        _name = name;
    }

    public override Address Address => _parent.Address;
    public override string Name => _name;
    public override ActorPath Parent => _parent;
    public override int Depth => _parent.Depth + 1;
}
