namespace Wiimmfi.Actors.Runtime.Persistence;

/// <summary>
/// One event as the journal stores it: whose (<paramref name="PersistenceId"/>), which number in that
/// stream (<paramref name="SequenceNr"/>, from 1, no reuse), what (<paramref name="Manifest"/>, the
/// event's wire name, and <paramref name="Payload"/>, its JSON), who wrote it and when (Unix
/// milliseconds; 0 until the journal has written it).
/// </summary>
public sealed record PersistentRepresentation(
    string PersistenceId, long SequenceNr, string Manifest, byte[] Payload, string Writer, long Timestamp = 0);
