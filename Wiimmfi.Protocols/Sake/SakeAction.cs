namespace Wiimmfi.Protocols.Sake;

/// <summary>
/// The SAKE storage actions (sake.md §2.1). The enum name is the SOAP element and SOAPAction
/// name. Frozen numbers (they label metrics); append only.
/// </summary>
public enum SakeAction
{
    CreateRecord = 1,
    UpdateRecord = 2,
    DeleteRecord = 3,
    GetMyRecords = 4,
    GetSpecificRecords = 5,
    SearchForRecords = 6,
    GetRandomRecords = 7,
    GetRecordCount = 8,
    GetRecordLimit = 9,
    RateRecord = 10,
}
