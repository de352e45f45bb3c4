using Wiimmfi.Protocols.Gpcm;

namespace Wiimmfi.Tests.Protocols.Gpcm;

public class GpcmFrozenNumberTests
{
    private static string Describe<T>()
        where T : struct, Enum =>
        string.Join(' ', Enum.GetValues<T>().Select(v => $"{v}={Convert.ToInt32(v)}"));

    [Fact]
    public void Status_codes_are_frozen_wire_numbers()
    {
        Assert.Equal(
            "Offline=0 Online=1 Playing=2 MatchAnybody=3 MatchFriend=4 MatchServerClientClient=5 MatchServerClientServer=6",
            Describe<DwcStatus>());
    }

    [Fact]
    public void Buddy_message_types_are_frozen_wire_numbers()
    {
        Assert.Equal(
            "Message=1 Request=2 Reply=3 Auth=4 Utm=5 Revoke=6 Status=100 Invite=101 Ping=102 Pong=103 KeysRequest=104 KeysReply=105 " +
            "FileSendRequest=200 FileSendReply=201 FileBegin=202 FileEnd=203 FileData=204 FileSkip=205 FileTransferThrottle=206 " +
            "FileTransferCancel=207 FileTransferKeepalive=208",
            Describe<GpBuddyMessageType>());
    }

    [Fact]
    public void Match_command_bytes_used_for_canned_replies_are_frozen()
    {
        Assert.Equal(0x03, GpcmMatchCommand.ResvDeny);
        Assert.Equal(0x04, GpcmMatchCommand.ResvWait);
        Assert.Equal(0x10U, GpcmMatchCommand.DenyReasonRoomFull);
    }
}
