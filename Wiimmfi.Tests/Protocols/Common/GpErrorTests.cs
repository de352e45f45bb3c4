using System.Text;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Tests.Protocols.Common;

public class GpErrorTests
{
    [Fact]
    public void Error_266_fatal_is_written_exactly_like_the_vector()
    {
        var vector = VectorFile.Items("gpcm_messages").Single(v => v.GetProperty("name").GetString() == "error 266 fatal");
        var inputs = vector.GetProperty("inputs");

        var error = new GpError(GpErrorCode.LoginBadPreAuth, inputs.GetProperty("errmsg").GetString()!, IsFatal: true, inputs.GetProperty("id").GetString());

        Assert.Equal(vector.GetProperty("expected").GetProperty("data").GetString(), error.ToWireString());
    }

    [Fact]
    public void A_non_fatal_error_has_no_fatal_key_and_no_id_unless_given()
    {
        Assert.Equal("\\error\\\\err\\3328\\errmsg\\There was an error searching for a profile.\\final\\", GpError.For(GpErrorCode.Search).ToWireString());
    }

    [Theory]
    [InlineData(GpErrorCode.Parse, true)]
    [InlineData(GpErrorCode.ForcedDisconnect, true)]
    [InlineData(GpErrorCode.Login, true)]
    [InlineData(GpErrorCode.LoginTicketExpired, true)]
    [InlineData(GpErrorCode.NewUserUniqueNickInUse, true)]
    [InlineData(GpErrorCode.UpdateUi, false)]
    [InlineData(GpErrorCode.AddBuddyBadNew, false)]
    [InlineData(GpErrorCode.BuddyMessage, false)]
    [InlineData(GpErrorCode.Search, false)]
    public void Fatality_follows_the_error_family(GpErrorCode code, bool fatal)
    {
        Assert.Equal(fatal, GpError.For(code).IsFatal);
    }

    [Fact]
    public void A_written_error_parses_back()
    {
        var written = GpError.For(GpErrorCode.ForcedDisconnect, "7");
        var wire = written.ToBytes();
        GameSpyFraming.FindMessage(wire, 4096, out var bodyLength, out _);
        Assert.True(GameSpyMessage.TryParse(wire.AsSpan(0, bodyLength), out var message, out _));

        Assert.True(GpError.TryParse(message, out var parsed));
        Assert.Equal(written, parsed);
    }

    [Fact]
    public void Error_codes_are_frozen_wire_numbers()
    {
        var expected = """
            General=0 Parse=1 NotLoggedIn=2 BadSessionKey=3 Database=4 Network=5 ForcedDisconnect=6 ConnectionClosed=7 UdpLayer=8
            Login=256 LoginTimeout=257 LoginBadNick=258 LoginBadEmail=259 LoginBadPassword=260 LoginBadProfile=261 LoginProfileDeleted=262
            LoginConnectionFailed=263 LoginServerAuthFailed=264 LoginBadUniqueNick=265 LoginBadPreAuth=266 LoginTicketInvalid=267 LoginTicketExpired=268
            NewUser=512 NewUserBadNick=513 NewUserBadPassword=514 NewUserUniqueNickInvalid=515 NewUserUniqueNickInUse=516
            UpdateUi=768 UpdateUiBadEmail=769 NewProfile=1024 NewProfileBadNick=1025 NewProfileBadOldNick=1026 UpdatePro=1280 UpdateProBadNick=1281
            AddBuddy=1536 AddBuddyBadFrom=1537 AddBuddyBadNew=1538 AddBuddyAlreadyBuddy=1539 AddBuddyIsOnBlockList=1540 AddBuddyIsBlocking=1541
            AuthAdd=1792 AuthAddBadFrom=1793 AuthAddBadSig=1794 AuthAddIsOnBlockList=1795 AuthAddIsBlocking=1796 Status=2048
            BuddyMessage=2304 BuddyMessageNotBuddy=2305 BuddyMessageExtInfoNotSupported=2306 BuddyMessageBuddyOffline=2307
            GetProfile=2560 GetProfileBadProfile=2561 DelBuddy=2816 DelBuddyNotBuddy=2817 DelProfile=3072 DelProfileLastProfile=3073
            Search=3328 SearchConnectionFailed=3329 SearchTimedOut=3330 Check=3584 CheckBadEmail=3585 CheckBadNick=3586 CheckBadPassword=3587
            Revoke=3840 RevokeNotBuddy=3841 RegisterUniqueNick=4096 RegisterUniqueNickTaken=4097 RegisterUniqueNickReserved=4098 RegisterUniqueNickBadNamespace=4099
            RegisterCdKey=4352 RegisterCdKeyBadKey=4353 RegisterCdKeyAlreadySet=4354 RegisterCdKeyAlreadyTaken=4355
            AddBlock=4608 AddBlockAlreadyBlocked=4609 RemoveBlock=4864 RemoveBlockNotBlocked=4865
            """;
        var actual = new StringBuilder();
        foreach (var value in Enum.GetValues<GpErrorCode>())
        {
            actual.Append(value).Append('=').Append((int)value).Append(' ');
        }

        Assert.Equal(string.Join(' ', expected.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)), actual.ToString().TrimEnd());
    }
}
