namespace Wiimmfi.Protocols.Race;

/// <summary>
/// The <c>responseCode</c> of RACE answers (GameSpy Racing SDK <c>WSRacingResponseCode</c>, race.md §5).
/// Frozen wire numbers. Only 0, 6, 7, 101 and 105 are sent by a server; the rest are client-side in
/// the SDK and listed so a console emulator can name them.
/// </summary>
public enum RaceResponseCode
{
    Success = 0,
    DatabaseError = 6,
    ServerError = 7,
    HttpError = 100,
    ParseError = 101,
    OutOfMemory = 104,
    InvalidParameters = 105,
    NoAvailabilityCheck = 106,
    Cancelled = 107,
}
