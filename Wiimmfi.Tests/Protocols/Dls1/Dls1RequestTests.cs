using Wiimmfi.Protocols.Dls1;

namespace Wiimmfi.Tests.Protocols.Dls1;

public class Dls1RequestTests
{
    // Decoded form fields as the NAS form codec hands them over.
    private static Dictionary<string, string> Fields(string action, params (string Key, string Value)[] extra)
    {
        var fields = new Dictionary<string, string>
        {
            ["action"] = action, ["gamecd"] = "IRBO", ["rhgamecd"] = "IRBO", ["token"] = "NDSabcdef",
            ["userid"] = "1234567890123", ["macadr"] = "0009bf000000",
        };
        foreach (var (key, value) in extra)
        {
            fields[key] = value;
        }
        return fields;
    }

    private static Dls1RequestError Refused(Dictionary<string, string> fields)
    {
        Assert.False(Dls1Request.TryParse(fields, out _, out var error));
        return error;
    }

    [Theory]
    [InlineData("count", Dls1Action.Count)]
    [InlineData("LIST", Dls1Action.List)]
    [InlineData("Count", Dls1Action.Count)]
    public void Action_is_read_in_any_letter_case(string action, Dls1Action expected)
    {
        Assert.True(Dls1Request.TryParse(Fields(action), out var request, out _));

        Assert.Equal(expected, request.Action);
        Assert.Equal(("IRBO", "IRBO", "NDSabcdef"), (request.ReferenceGameCode, request.GameCode, request.Token));
    }

    [Fact]
    public void List_filters_and_paging_are_read()
    {
        Assert.True(Dls1Request.TryParse(Fields("list", ("attr1", "MYSTERY"), ("attr2", "300000"), ("num", "5"), ("offset", "10")), out var request, out _));

        Assert.Equal(("MYSTERY", "300000", (string?)null, 5, 10), (request.Attr1, request.Attr2, request.Attr3, request.Num, request.Offset));
    }

    [Fact]
    public void Contents_names_the_file()
    {
        Assert.True(Dls1Request.TryParse(Fields("contents", ("contents", "PRS_MISSION_01.prs")), out var request, out _));

        Assert.Equal("PRS_MISSION_01.prs", request.ContentsName);
        Assert.Equal("attachment; filename=\"PRS_MISSION_01.prs\"", Dls1Wire.ContentDisposition(request.ContentsName!));
    }

    [Theory]
    [InlineData("")]
    [InlineData("delete")]
    [InlineData("count;list")]
    public void Missing_or_unknown_action_is_a_bad_request(string action)
    {
        Assert.Equal(400, Refused(Fields(action)).HttpStatus);
    }

    [Theory]
    [InlineData("irbo")]
    [InlineData("IRB")]
    [InlineData("IRBOO")]
    [InlineData("IR/O")]
    public void Invalid_reference_game_code_is_a_bad_request(string rhgamecd)
    {
        Assert.Equal(400, Refused(Fields("count", ("rhgamecd", rhgamecd))).HttpStatus);
    }

    [Fact]
    public void Missing_reference_game_code_is_a_bad_request()
    {
        var fields = Fields("count");
        fields.Remove("rhgamecd");

        Assert.Equal(400, Refused(fields).HttpStatus);
    }

    [Theory]
    [InlineData("../..")]
    [InlineData("..")]
    [InlineData("AB/C")]
    public void Game_code_that_could_leave_the_download_folder_is_forbidden(string gamecd)
    {
        Assert.Equal(403, Refused(Fields("count", ("gamecd", gamecd))).HttpStatus);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("..")]
    [InlineData("sub/file.bin")]
    [InlineData("sub\\file.bin")]
    [InlineData("C:file.bin")]
    [InlineData("_list.txt")]
    [InlineData("a..b")]
    [InlineData("evil\0.bin")]
    public void Contents_name_that_is_not_a_plain_base_name_is_forbidden(string name)
    {
        Assert.Equal(403, Refused(Fields("contents", ("contents", name))).HttpStatus);
    }

    [Fact]
    public void Contents_without_a_name_is_a_bad_request()
    {
        Assert.Equal(400, Refused(Fields("contents")).HttpStatus);
    }

    [Theory]
    [InlineData("num", "-1")]
    [InlineData("num", "ten")]
    [InlineData("offset", "100001")]
    [InlineData("offset", "99999999999")]
    [InlineData("num", "+5")]
    public void Bad_paging_number_is_a_bad_request(string field, string value)
    {
        Assert.Equal(400, Refused(Fields("list", (field, value))).HttpStatus);
    }

    [Fact]
    public void Overlong_attribute_is_a_bad_request()
    {
        Assert.Equal(400, Refused(Fields("list", ("attr3", new string('x', 257)))).HttpStatus);
    }

    [Fact]
    public void Action_numbers_are_frozen()
    {
        Assert.Equal("Count=1 List=2 Contents=3", string.Join(' ', Enum.GetValues<Dls1Action>().Select(a => $"{a}={(int)a}")));
    }
}
