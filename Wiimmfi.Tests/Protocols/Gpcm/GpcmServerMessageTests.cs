using Wiimmfi.Protocols.Common;
using Wiimmfi.Protocols.Gpcm;
using Wiimmfi.Tests.Protocols.Common;

namespace Wiimmfi.Tests.Protocols.Gpcm;

public class GpcmServerMessageTests
{
    private static System.Text.Json.JsonElement Vector(string name) =>
        VectorFile.Items("gpcm_messages").Single(v => v.GetProperty("name").GetString() == name);

    [Fact]
    public void The_greeting_is_written_exactly_like_the_vector()
    {
        var vector = Vector("lc1");

        var greeting = new GpcmLoginChallenge(vector.GetProperty("inputs").GetProperty("challenge").GetString()!);

        Assert.Equal(vector.GetProperty("expected").GetProperty("data").GetString(), greeting.ToWireString());
        Assert.Equal(38, greeting.ToBytes().Length);
    }

    [Fact]
    public void The_login_reply_is_written_exactly_like_the_vector_and_reads_back()
    {
        var vector = Vector("lc2");
        var i = vector.GetProperty("inputs");
        var reply = new GpcmLoginReply(
            int.Parse(i.GetProperty("sesskey").GetString()!), i.GetProperty("proof").GetString()!, ulong.Parse(i.GetProperty("userid").GetString()!),
            uint.Parse(i.GetProperty("profileid").GetString()!), i.GetProperty("uniquenick").GetString()!, i.GetProperty("lt").GetString()!,
            i.GetProperty("id").GetString());

        var wire = reply.ToWireString();

        Assert.Equal(vector.GetProperty("expected").GetProperty("data").GetString(), wire);
        Assert.True(GpcmLoginReply.TryParse(GpcmWire.Message(wire), out var parsed));
        Assert.Equal(reply, parsed);
    }

    [Fact]
    public void Status_to_a_friend_is_written_exactly_like_the_vector()
    {
        var vector = Vector("status to friend");
        var from = uint.Parse(vector.GetProperty("inputs").GetProperty("f").GetString()!);

        var message = GpcmBuddyMessage.Status(from, new GpcmPresence(DwcStatus.Online, "", ""));

        Assert.Equal(vector.GetProperty("inputs").GetProperty("msg").GetString(), message.Message);
        Assert.Equal(vector.GetProperty("expected").GetProperty("data").GetString(), message.ToWireString());
    }

    [Fact]
    public void The_greeting_reads_back()
    {
        Assert.True(GpcmLoginChallenge.TryParse(GpcmWire.Message("\\lc\\1\\challenge\\ABCDEFGHIJ\\id\\1\\final\\"), out var greeting));
        Assert.Equal("ABCDEFGHIJ", greeting.ServerChallenge);
        Assert.False(GpcmLoginChallenge.TryParse(GpcmWire.Message("\\lc\\2\\challenge\\X\\final\\"), out _));
    }

    [Fact]
    public void Own_profile_shows_the_real_nick_and_other_players_see_a_placeholder()
    {
        var own = GpcmProfileInfo.ForOwner(1000000001, 1786673827498, "1jvv0u3laRMCJ2leohni", "Wii:6168191425252890@RMCJ", null, "", "2");
        var other = GpcmProfileInfo.ForOthers(1000000001, "RMCJ2leohni", "Wii:6168191425252890@RMCJ", "AAAA", "3");

        Assert.Equal("1jvv0u3laRMCJ2leohni@nds", own.Email);
        Assert.Equal(1786673827498UL, own.UserId);
        Assert.Matches("^[0-9a-f]{32}$", own.Signature);
        Assert.StartsWith("\\pi\\\\profileid\\1000000001\\nick\\1jvv0u3laRMCJ2leohni\\userid\\1786673827498\\email\\1jvv0u3laRMCJ2leohni@nds\\sig\\", own.ToWireString());
        Assert.EndsWith("\\uniquenick\\1jvv0u3laRMCJ2leohni\\firstname\\Wii:6168191425252890@RMCJ\\pid\\11\\lon\\0.000000\\lat\\0.000000\\loc\\\\id\\2\\final\\", own.ToWireString());
        Assert.Equal("000000000RMCJ0000000", other.Nick);
        Assert.Equal("000000000RMCJ0000000", other.UniqueNick);
        Assert.Equal("000000000RMCJ0000000", other.LastName);
        Assert.Equal(0UL, other.UserId);
        Assert.DoesNotContain("1jvv0u3la", other.ToWireString());
    }

    [Fact]
    public void A_profile_reply_reads_back()
    {
        var own = GpcmProfileInfo.ForOwner(7, 42, "00000001aRMCJ2leohni", "Wii:1@RMCJ", "x", "QUJD", "2");

        Assert.True(GpcmProfileInfo.TryParse(GpcmWire.Message(own.ToWireString()), out var parsed));

        Assert.Equal(own, parsed);
    }

    [Fact]
    public void Buddy_notices_have_the_documented_shapes()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1700000000);

        Assert.Equal("\\bm\\4\\f\\5\\msg\\\\final\\", GpcmBuddyMessage.Authorized(5).ToWireString());
        Assert.Equal("\\bm\\100\\f\\5\\msg\\|s|0|ss|Offline|ls||ip|0|p|0|qm|0\\final\\", GpcmBuddyMessage.Offline(5).ToWireString());
        Assert.Equal("\\bm\\100\\f\\5\\msg\\|s|0|ss||ls||ip|0|p|0|qm|0\\final\\", GpcmBuddyMessage.PlaceholderStatus(5).ToWireString());
        Assert.Equal("\\bm\\2\\f\\5\\date\\1700000000\\msg\\hi|signed|abcd\\final\\", GpcmBuddyMessage.AddRequest(5, "hi", "abcd", now).ToWireString());
        Assert.Equal("\\bm\\1\\f\\5\\msg\\GPCM90vMAT\u0004\\final\\", GpcmBuddyMessage.Text(5, GpcmMatchCommandText.ResvWait(90)).ToWireString());
    }

    [Fact]
    public void A_delivered_buddy_message_reads_back_with_its_date()
    {
        var sent = GpcmBuddyMessage.AddRequest(9, "please", "ff00", DateTimeOffset.FromUnixTimeSeconds(1234));

        Assert.True(GpcmBuddyMessage.TryParse(GpcmWire.Message(sent.ToWireString()), out var parsed));

        Assert.Equal(sent, parsed);
    }

    [Fact]
    public void Buddy_and_block_lists_count_and_join_profile_ids()
    {
        Assert.Equal("\\bdy\\2\\list\\5,6\\final\\", new GpcmBuddyList([5, 6]).ToWireString());
        Assert.Equal("\\blk\\0\\list\\\\final\\", new GpcmBuddyList([], IsBlockList: true).ToWireString());
    }

    [Fact]
    public void Keep_alive_is_answered_with_the_same_bytes()
    {
        Assert.Equal("\\ka\\\\final\\", GpcmKeepAlive.Instance.ToWireString());
    }
}
