using Wiimmfi.Protocols.Mkw;
using Wiimmfi.Protocols.Qr2;
using Wiimmfi.Protocols.ServerBrowser;
using Wiimmfi.Protocols.ServerBrowser.Filter;

namespace Wiimmfi.Tests.Protocols.Qr2;

/// <summary>
/// Golden list of the wire numbers (and metric-label numbers) of the matchmaking codecs. These values are frozen:
/// if this test fails, a number that consoles or dashboards depend on was changed. Append, never renumber.
/// </summary>
public class MatchmakingWireNumberStabilityTests
{
    private static string Describe<TEnum>() where TEnum : struct, Enum =>
        string.Join(",", Enum.GetValues<TEnum>().Select(v => $"{v}={Convert.ToUInt64(v)}"));

    [Fact]
    public void Qr2_numbers_are_unchanged()
    {
        Assert.Equal("Query=0,Challenge=1,Echo=2,Heartbeat=3,AddError=4,EchoResponse=5,ClientMessage=6,ClientMessageAck=7,KeepAlive=8,Available=9,ClientRegistered=10",
            Describe<Qr2PacketType>());
        Assert.Equal("Periodic=0,Changed=1,Shutdown=2,Initial=3", Describe<Qr2StateChange>());
        Assert.Equal("Available=0,Unavailable=1,TemporarilyUnavailable=2", Describe<Qr2AvailabilityStatus>());
        Assert.Equal("None=0,TooShort=1,TooLong=2,UnsupportedType=3,StringTooLong=4,TooManyKeys=5,SectionTooLarge=6,Truncated=7,Malformed=8,MissingField=9",
            Describe<Qr2ParseError>());
    }

    [Fact]
    public void Server_browser_numbers_are_unchanged()
    {
        Assert.Equal("ServerList=0,ServerInfo=1,SendMessage=2,KeepAliveReply=3,MapLoop=4,PlayerSearch=5", Describe<SbRequestType>());
        Assert.Equal("PushKeys=1,PushServer=2,KeepAlive=3,DeleteServer=4,MapLoop=5,PlayerSearch=6", Describe<SbAdHocMessageType>());
        Assert.Equal("None=0,SendFieldsForAll=1,NoServerList=2,PushUpdates=4,AlternateSourceIp=8,SendGroups=32,NoListCache=64,LimitResultCount=128",
            Describe<SbListOptions>());
        Assert.Equal("None=0,UnsolicitedUdp=1,PrivateIp=2,ConnectNegotiate=4,IcmpIp=8,NonStandardPort=16,NonStandardPrivatePort=32,HasKeys=64,HasFullRules=128",
            Describe<SbServerFlags>());
        Assert.Equal("String=0,Byte=1,Short=2", Describe<SbKeyType>());
        Assert.Equal("None=0,BadLength=1,UnsupportedType=2,Truncated=3,StringTooLong=4,TooManyFields=5,MissingField=6,DataTooLong=7", Describe<SbParseError>());
        Assert.Equal("TooLong=1,TooManyTokens=2,TooDeep=3,StringTooLong=4,UnterminatedString=5,UnexpectedCharacter=6,NumberTooLarge=7,UnexpectedToken=8,UnexpectedEnd=9,IdentifierTooLong=10",
            Describe<FilterErrorKind>());
    }

    [Fact]
    public void Mkw_numbers_are_unchanged()
    {
        Assert.Equal("Reservation=1,ResvOk=2,ResvDeny=3,ResvWait=4,ResvCancel=5,TellAddr=6,NewPidAid=7,LinkClsReq=8,LinkClsSuc=9,CloseLink=10," +
                     "ResvPrior=11,Cancel=12,CancelSyn=13,CancelSynAck=14,CancelAck=15,ScCloseCl=16,PollTimeout=17,PollToAck=18,ScConnBlock=19," +
                     "FriendAccept=32,ClWaitPoll=64,SvKaToCl=65,SvDownQuery=82,SvDownAck=83,SvDownNak=84,SvDownKeep=85,SuspendMatch=130,ClientAidUsage=131,Dummy=255",
            Describe<MatchCommandType>());
        Assert.Equal("Unspecified=0,RoomFull=16,RoomClosed=17,ConditionNotSatisfied=18,RoomLocked=19,NotAHost=20,FriendNotInList=21,RejectedByGame=22,DifferentHost=23,IllegalMesh=24",
            Describe<ResvDenyReason>());
        Assert.Equal("None=0,TooShort=1,TooLong=2,BadIdentifier=3,UnsupportedVersion=4,SizeMismatch=5,SizeNotMultipleOfFour=6,BadValue=7", Describe<MatchCommandError>());
        Assert.Equal("Anybody=0,Friends=1,ServerClientHost=2,ServerClientGuest=3", Describe<DwcMatchType>());
        Assert.Equal("NotInRoom=0,Guest=1,Host=2", Describe<DwcHostState>());
        Assert.Equal("BadMagic=1,ChecksumMismatch=2,BadHeaderSize=3,RecordSizeOutOfRange=4,RecordsExceedDatagram=5,TrailingBytes=6", Describe<RacePacketFinding>());
    }
}
