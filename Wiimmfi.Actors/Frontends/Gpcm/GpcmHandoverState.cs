using Wiimmfi.Actors.Runtime.Serialization;
using Wiimmfi.Actors.Sessions;

namespace Wiimmfi.Actors.Frontends.Gpcm;

/// <summary>
/// What a GPCM connection carries to a successor process at smart restart: the challenge it sent (a login in
/// progress can still be checked), and for a logged-in console its profile, session key and identity, so the
/// successor re-registers the session and the console's next message is answered as if nothing happened.
/// A connection still logging in (waiting for the store) resumes in the greeting phase; the console retries.
/// </summary>
[WireName("gpcm.connection-handover")]
public sealed record GpcmHandoverState(string ServerChallenge, bool LoggedIn, uint ProfileId, int SessionKey, SessionIdentity? Identity);
