using Wiimmfi.Actors.Runtime;

namespace Wiimmfi.Tests.NatNeg;

/// <summary>A stand-in front-end reference for the pure rule tests: a name and nothing else.</summary>
internal sealed class NamedRef(string name) : IActorRef
{
    public ActorPath Path { get; } = new RootActorPath(new Address("rules")).Child(name);

    public void Tell(object message, IActorRef? sender = null) => throw new InvalidOperationException("The rules never send.");

    public bool Equals(IActorRef? other) => other is not null && other.Path.Equals(Path);

    public override bool Equals(object? obj) => obj is IActorRef other && Equals(other);

    public override int GetHashCode() => Path.GetHashCode();

    public override string ToString() => Path.ToString();
}
