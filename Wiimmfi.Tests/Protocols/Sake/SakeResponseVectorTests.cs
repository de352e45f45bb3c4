using System.Text;
using Wiimmfi.Protocols.Sake;

namespace Wiimmfi.Tests.Protocols.Sake;

public class SakeResponseVectorTests
{
    public static TheoryData<string> Names => SakeVectors.Names;

    private static SakeAction ActionOf(string vectorName) => Enum.Parse<SakeAction>(vectorName.Split(' ')[0]);

    [Theory]
    [MemberData(nameof(Names))]
    public void Recorded_response_reads_back_and_is_rewritten_byte_for_byte(string name)
    {
        var expected = SakeVectors.Body(name);

        Assert.True(SakeResponseParser.TryParse(Encoding.UTF8.GetBytes(expected), ActionOf(name), null, out var response, out var error), error);
        var written = Encoding.UTF8.GetString(SakeResponseWriter.Write(response));

        Assert.Equal(expected, written);
    }

    [Fact]
    public void GetMyRecords_with_one_record_is_written_as_wiilink_does()
    {
        var response = new SakeRecordsResponse(SakeAction.GetMyRecords, SakeResult.Success,
            [[SakeValue.FromInt32(12345), SakeValue.FromBinary([0, 1, 2, 3])]]);

        Assert.Equal(
            SakeVectors.Body("GetMyRecords response, one record (intValue 12345, binaryDataValue AAECAw==)"),
            Encoding.UTF8.GetString(SakeResponseWriter.Write(response)));
    }

    [Fact]
    public void CreateRecord_response_carries_the_new_record_id()
    {
        var response = new SakeCreateRecordResponse(SakeResult.Success, 42);

        Assert.Equal(SakeVectors.Body("CreateRecord response, recordid 42"), Encoding.UTF8.GetString(SakeResponseWriter.Write(response)));
    }

    [Fact]
    public void Search_without_matches_answers_empty_values()
    {
        var response = new SakeRecordsResponse(SakeAction.SearchForRecords, SakeResult.Success, []);

        Assert.Equal(SakeVectors.Body("SearchForRecords response, no records"), Encoding.UTF8.GetString(SakeResponseWriter.Write(response)));
    }
}
