using System.Text;
using Wiimmfi.Protocols.Dls1;

namespace Wiimmfi.Tests.Protocols.Dls1;

public class Dls1ListingTests
{
    // A _list.txt in the layout of the AltWFC samples (dls1.md §2), CR LF line ends, with junk lines.
    private const string ListFile =
        "PRS_MISSION_01.prs\tTQBhAG4A\t\t\t\t8404\r\n" +
        "GIFT_A.myg\tRwBpAGYAdAA*\tMYSTERY\t100000\t\t1024\r\n" +
        "GIFT_B.myg\t\tMYSTERY\t200000\t\t2048\r\n" +
        "GIFT_AB.myg\t\tMYSTERY\t300000\tX\t4096\r\n" +
        "broken line with too few columns\r\n" +
        "../escape.bin\t\t\t\t\t1\r\n" +
        "\r\n";

    private static Dls1Request Request(string action, params (string Key, string Value)[] extra)
    {
        var fields = new Dictionary<string, string> { ["action"] = action, ["rhgamecd"] = "IRBO" };
        foreach (var (key, value) in extra)
        {
            fields[key] = value;
        }
        Assert.True(Dls1Request.TryParse(fields, out var request, out var error), error?.Reason);
        return request;
    }

    [Fact]
    public void List_file_lines_with_six_columns_are_read_and_others_skipped()
    {
        var entries = Dls1ListEntry.ParseList(ListFile, out var skipped);

        Assert.Equal(["PRS_MISSION_01.prs", "GIFT_A.myg", "GIFT_B.myg", "GIFT_AB.myg"], entries.Select(e => e.FileName));
        Assert.Equal(2, skipped);
        Assert.Equal(new Dls1ListEntry("PRS_MISSION_01.prs", "TQBhAG4A", "", "", "", 8404), entries[0]);
    }

    [Fact]
    public void Attributes_filter_by_exact_match_and_absent_ones_match_anything()
    {
        var entries = Dls1ListEntry.ParseList(ListFile, out _);

        Assert.Equal(["GIFT_A.myg", "GIFT_B.myg", "GIFT_AB.myg"], Dls1Listing.Select(entries, Request("list", ("attr1", "MYSTERY"))).Select(e => e.FileName));
        Assert.Equal(["GIFT_AB.myg"], Dls1Listing.Select(entries, Request("list", ("attr1", "MYSTERY"), ("attr3", "X"))).Select(e => e.FileName));
        Assert.Empty(Dls1Listing.Select(entries, Request("list", ("attr1", "mystery"))));
        Assert.Equal(4, Dls1Listing.Select(entries, Request("count")).Count);
    }

    [Fact]
    public void Offset_then_num_page_the_filtered_list()
    {
        var entries = Dls1ListEntry.ParseList(ListFile, out _);

        var page = Dls1Listing.Select(entries, Request("list", ("attr1", "MYSTERY"), ("offset", "1"), ("num", "1")));

        Assert.Equal(["GIFT_B.myg"], page.Select(e => e.FileName));
        Assert.Empty(Dls1Listing.Select(entries, Request("list", ("offset", "10"))));
    }

    [Fact]
    public void List_answer_is_crlf_terminated_lines()
    {
        var entries = Dls1ListEntry.ParseList(ListFile, out _).Take(2);

        Assert.Equal("PRS_MISSION_01.prs\tTQBhAG4A\t\t\t\t8404\r\nGIFT_A.myg\tRwBpAGYAdAA*\tMYSTERY\t100000\t\t1024\r\n",
            Encoding.UTF8.GetString(Dls1Listing.ListBody(entries)));
    }

    [Fact]
    public void Empty_list_answer_is_still_one_line_break()
    {
        Assert.Equal("\r\n", Encoding.UTF8.GetString(Dls1Listing.ListBody([])));
    }

    [Fact]
    public void Count_answer_is_decimal_text_with_an_optional_nul()
    {
        Assert.Equal("4"u8.ToArray(), Dls1Listing.CountBody(4, appendNul: false));
        Assert.Equal("12\0"u8.ToArray(), Dls1Listing.CountBody(12, appendNul: true));
    }

    [Fact]
    public void Directory_without_a_list_file_is_listed_by_name_and_size()
    {
        var body = Dls1Listing.ListBody([Dls1ListEntry.ForFile("a.bin", 10)]);

        Assert.Equal("a.bin\t\t\t\t\t10\r\n", Encoding.UTF8.GetString(body));
    }

    [Theory]
    [InlineData("IRAO", new[] { "GIFT_A.myg", "GIFT_AB.myg" })]
    [InlineData("IRBO", new[] { "GIFT_B.myg", "GIFT_AB.myg" })]
    [InlineData("IRDO", new string[0])]
    public void Pokemon_gen5_gifts_are_filtered_by_the_version_bit(string rhgamecd, string[] expected)
    {
        var gifts = Dls1ListEntry.ParseList(ListFile, out _).Where(e => e.Attr1 == "MYSTERY").ToList();

        Assert.Equal(expected, Dls1Listing.FilterPokemonGen5(gifts, rhgamecd).Select(e => e.FileName));
    }

    [Fact]
    public void Unknown_version_letter_keeps_the_whole_list()
    {
        var gifts = Dls1ListEntry.ParseList(ListFile, out _);

        Assert.Equal(gifts, Dls1Listing.FilterPokemonGen5(gifts, "IRZO"));
    }
}
