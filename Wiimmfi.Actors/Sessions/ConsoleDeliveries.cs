using Wiimmfi.Actors.Runtime.Serialization;

namespace Wiimmfi.Actors.Sessions;

// What a session entity tells its console's GPCM connection actor. The connection turns these into
// bytes; the entity never sees a socket.

/// <summary>One <c>\bm\</c> message for the console: type, sender, text and optional date.</summary>
[WireName("gpcm.buddy-message")]
public sealed record BuddyMessageDelivery(int Type, uint From, string Text, long? Date = null);

/// <summary>Messages for the console, written together in one TCP write (a stand-in status must precede its message).</summary>
[WireName("gpcm.deliver")]
public sealed record ConsoleDelivery(IReadOnlyList<BuddyMessageDelivery> Messages);

/// <summary>A non-fatal GP error for the console (e.g. 2305, the target is not a buddy).</summary>
[WireName("gpcm.error")]
public sealed record ConsoleError(int Code, string Message);

/// <summary>A fatal GP error, after which the connection closes (kick, second login, ban).</summary>
[WireName("gpcm.kick")]
public sealed record ConsoleKick(int Code, string Message);
