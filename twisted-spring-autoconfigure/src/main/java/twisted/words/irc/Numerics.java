package twisted.words.irc;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The numeric replies, by their symbolic names (RFC 1459, RFC 2812 and the numerics today's
 * daemons agree on: ISUPPORT, {@code 330} accounts, {@code 417} input too long, SASL's
 * {@code 900}-{@code 908}). Twisted keeps the same names in {@code irc.symbolic_to_numeric}.
 *
 * @since 0.1.0
 */
public final class Numerics {

    /** {@code 001}. */
    public static final String RPL_WELCOME = "001";

    /** {@code 002}. */
    public static final String RPL_YOURHOST = "002";

    /** {@code 003}. */
    public static final String RPL_CREATED = "003";

    /** {@code 004}. */
    public static final String RPL_MYINFO = "004";

    /** {@code 005}. */
    public static final String RPL_ISUPPORT = "005";

    /** {@code 010}. */
    public static final String RPL_BOUNCE = "010";

    /** {@code 221}. */
    public static final String RPL_UMODEIS = "221";

    /** {@code 251}. */
    public static final String RPL_LUSERCLIENT = "251";

    /** {@code 252}. */
    public static final String RPL_LUSEROP = "252";

    /** {@code 253}. */
    public static final String RPL_LUSERUNKNOWN = "253";

    /** {@code 254}. */
    public static final String RPL_LUSERCHANNELS = "254";

    /** {@code 255}. */
    public static final String RPL_LUSERME = "255";

    /** {@code 265}. */
    public static final String RPL_LOCALUSERS = "265";

    /** {@code 266}. */
    public static final String RPL_GLOBALUSERS = "266";

    /** {@code 301}. */
    public static final String RPL_AWAY = "301";

    /** {@code 302}. */
    public static final String RPL_USERHOST = "302";

    /** {@code 303}. */
    public static final String RPL_ISON = "303";

    /** {@code 305}. */
    public static final String RPL_UNAWAY = "305";

    /** {@code 306}. */
    public static final String RPL_NOWAWAY = "306";

    /** {@code 311}. */
    public static final String RPL_WHOISUSER = "311";

    /** {@code 312}. */
    public static final String RPL_WHOISSERVER = "312";

    /** {@code 313}. */
    public static final String RPL_WHOISOPERATOR = "313";

    /** {@code 315}. */
    public static final String RPL_ENDOFWHO = "315";

    /** {@code 317}. */
    public static final String RPL_WHOISIDLE = "317";

    /** {@code 318}. */
    public static final String RPL_ENDOFWHOIS = "318";

    /** {@code 319}. */
    public static final String RPL_WHOISCHANNELS = "319";

    /** {@code 321}. */
    public static final String RPL_LISTSTART = "321";

    /** {@code 322}. */
    public static final String RPL_LIST = "322";

    /** {@code 323}. */
    public static final String RPL_LISTEND = "323";

    /** {@code 324}. */
    public static final String RPL_CHANNELMODEIS = "324";

    /** {@code 329}. */
    public static final String RPL_CREATIONTIME = "329";

    /** {@code 330}. */
    public static final String RPL_WHOISACCOUNT = "330";

    /** {@code 331}. */
    public static final String RPL_NOTOPIC = "331";

    /** {@code 332}. */
    public static final String RPL_TOPIC = "332";

    /** {@code 333}. */
    public static final String RPL_TOPICWHOTIME = "333";

    /** {@code 341}. */
    public static final String RPL_INVITING = "341";

    /** {@code 351}. */
    public static final String RPL_VERSION = "351";

    /** {@code 352}. */
    public static final String RPL_WHOREPLY = "352";

    /** {@code 353}. */
    public static final String RPL_NAMREPLY = "353";

    /** {@code 366}. */
    public static final String RPL_ENDOFNAMES = "366";

    /** {@code 367}. */
    public static final String RPL_BANLIST = "367";

    /** {@code 368}. */
    public static final String RPL_ENDOFBANLIST = "368";

    /** {@code 372}. */
    public static final String RPL_MOTD = "372";

    /** {@code 375}. */
    public static final String RPL_MOTDSTART = "375";

    /** {@code 376}. */
    public static final String RPL_ENDOFMOTD = "376";

    /** {@code 381}. */
    public static final String RPL_YOUREOPER = "381";

    /** {@code 391}. */
    public static final String RPL_TIME = "391";

    /** {@code 400}. */
    public static final String ERR_UNKNOWNERROR = "400";

    /** {@code 401}. */
    public static final String ERR_NOSUCHNICK = "401";

    /** {@code 402}. */
    public static final String ERR_NOSUCHSERVER = "402";

    /** {@code 403}. */
    public static final String ERR_NOSUCHCHANNEL = "403";

    /** {@code 404}. */
    public static final String ERR_CANNOTSENDTOCHAN = "404";

    /** {@code 405}. */
    public static final String ERR_TOOMANYCHANNELS = "405";

    /** {@code 407}. */
    public static final String ERR_TOOMANYTARGETS = "407";

    /** {@code 409}. */
    public static final String ERR_NOORIGIN = "409";

    /** {@code 410}. */
    public static final String ERR_INVALIDCAPCMD = "410";

    /** {@code 411}. */
    public static final String ERR_NORECIPIENT = "411";

    /** {@code 412}. */
    public static final String ERR_NOTEXTTOSEND = "412";

    /** {@code 417}. */
    public static final String ERR_INPUTTOOLONG = "417";

    /** {@code 421}. */
    public static final String ERR_UNKNOWNCOMMAND = "421";

    /** {@code 422}. */
    public static final String ERR_NOMOTD = "422";

    /** {@code 431}. */
    public static final String ERR_NONICKNAMEGIVEN = "431";

    /** {@code 432}. */
    public static final String ERR_ERRONEUSNICKNAME = "432";

    /** {@code 433}. */
    public static final String ERR_NICKNAMEINUSE = "433";

    /** {@code 437}: a nick or channel that cannot be had for now (RFC 2812). */
    public static final String ERR_UNAVAILRESOURCE = "437";

    /** {@code 441}. */
    public static final String ERR_USERNOTINCHANNEL = "441";

    /** {@code 442}. */
    public static final String ERR_NOTONCHANNEL = "442";

    /** {@code 443}. */
    public static final String ERR_USERONCHANNEL = "443";

    /** {@code 451}. */
    public static final String ERR_NOTREGISTERED = "451";

    /** {@code 461}. */
    public static final String ERR_NEEDMOREPARAMS = "461";

    /** {@code 462}. */
    public static final String ERR_ALREADYREGISTERED = "462";

    /** {@code 464}. */
    public static final String ERR_PASSWDMISMATCH = "464";

    /** {@code 465}. */
    public static final String ERR_YOUREBANNEDCREEP = "465";

    /** {@code 467}. */
    public static final String ERR_KEYSET = "467";

    /** {@code 471}. */
    public static final String ERR_CHANNELISFULL = "471";

    /** {@code 472}. */
    public static final String ERR_UNKNOWNMODE = "472";

    /** {@code 473}. */
    public static final String ERR_INVITEONLYCHAN = "473";

    /** {@code 474}. */
    public static final String ERR_BANNEDFROMCHAN = "474";

    /** {@code 475}. */
    public static final String ERR_BADCHANNELKEY = "475";

    /** {@code 476}. */
    public static final String ERR_BADCHANMASK = "476";

    /** {@code 478}. */
    public static final String ERR_BANLISTFULL = "478";

    /** {@code 481}. */
    public static final String ERR_NOPRIVILEGES = "481";

    /** {@code 482}. */
    public static final String ERR_CHANOPRIVSNEEDED = "482";

    /** {@code 483}. */
    public static final String ERR_CANTKILLSERVER = "483";

    /** {@code 491}. */
    public static final String ERR_NOOPERHOST = "491";

    /** {@code 501}. */
    public static final String ERR_UMODEUNKNOWNFLAG = "501";

    /** {@code 502}. */
    public static final String ERR_USERSDONTMATCH = "502";

    /** {@code 525}. */
    public static final String ERR_INVALIDKEY = "525";

    /** {@code 696}. */
    public static final String ERR_INVALIDMODEPARAM = "696";

    /** {@code 900}. */
    public static final String RPL_LOGGEDIN = "900";

    /** {@code 901}. */
    public static final String RPL_LOGGEDOUT = "901";

    /** {@code 902}. */
    public static final String ERR_NICKLOCKED = "902";

    /** {@code 903}. */
    public static final String RPL_SASLSUCCESS = "903";

    /** {@code 904}. */
    public static final String ERR_SASLFAIL = "904";

    /** {@code 905}. */
    public static final String ERR_SASLTOOLONG = "905";

    /** {@code 906}. */
    public static final String ERR_SASLABORTED = "906";

    /** {@code 907}. */
    public static final String ERR_SASLALREADY = "907";

    /** {@code 908}. */
    public static final String RPL_SASLMECHS = "908";

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry(RPL_WELCOME, "RPL_WELCOME"),
            Map.entry(RPL_YOURHOST, "RPL_YOURHOST"),
            Map.entry(RPL_CREATED, "RPL_CREATED"),
            Map.entry(RPL_MYINFO, "RPL_MYINFO"),
            Map.entry(RPL_ISUPPORT, "RPL_ISUPPORT"),
            Map.entry(RPL_BOUNCE, "RPL_BOUNCE"),
            Map.entry(RPL_UMODEIS, "RPL_UMODEIS"),
            Map.entry(RPL_LUSERCLIENT, "RPL_LUSERCLIENT"),
            Map.entry(RPL_LUSEROP, "RPL_LUSEROP"),
            Map.entry(RPL_LUSERUNKNOWN, "RPL_LUSERUNKNOWN"),
            Map.entry(RPL_LUSERCHANNELS, "RPL_LUSERCHANNELS"),
            Map.entry(RPL_LUSERME, "RPL_LUSERME"),
            Map.entry(RPL_LOCALUSERS, "RPL_LOCALUSERS"),
            Map.entry(RPL_GLOBALUSERS, "RPL_GLOBALUSERS"),
            Map.entry(RPL_AWAY, "RPL_AWAY"),
            Map.entry(RPL_USERHOST, "RPL_USERHOST"),
            Map.entry(RPL_ISON, "RPL_ISON"),
            Map.entry(RPL_UNAWAY, "RPL_UNAWAY"),
            Map.entry(RPL_NOWAWAY, "RPL_NOWAWAY"),
            Map.entry(RPL_WHOISUSER, "RPL_WHOISUSER"),
            Map.entry(RPL_WHOISSERVER, "RPL_WHOISSERVER"),
            Map.entry(RPL_WHOISOPERATOR, "RPL_WHOISOPERATOR"),
            Map.entry(RPL_ENDOFWHO, "RPL_ENDOFWHO"),
            Map.entry(RPL_WHOISIDLE, "RPL_WHOISIDLE"),
            Map.entry(RPL_ENDOFWHOIS, "RPL_ENDOFWHOIS"),
            Map.entry(RPL_WHOISCHANNELS, "RPL_WHOISCHANNELS"),
            Map.entry(RPL_LISTSTART, "RPL_LISTSTART"),
            Map.entry(RPL_LIST, "RPL_LIST"),
            Map.entry(RPL_LISTEND, "RPL_LISTEND"),
            Map.entry(RPL_CHANNELMODEIS, "RPL_CHANNELMODEIS"),
            Map.entry(RPL_CREATIONTIME, "RPL_CREATIONTIME"),
            Map.entry(RPL_WHOISACCOUNT, "RPL_WHOISACCOUNT"),
            Map.entry(RPL_NOTOPIC, "RPL_NOTOPIC"),
            Map.entry(RPL_TOPIC, "RPL_TOPIC"),
            Map.entry(RPL_TOPICWHOTIME, "RPL_TOPICWHOTIME"),
            Map.entry(RPL_INVITING, "RPL_INVITING"),
            Map.entry(RPL_VERSION, "RPL_VERSION"),
            Map.entry(RPL_WHOREPLY, "RPL_WHOREPLY"),
            Map.entry(RPL_NAMREPLY, "RPL_NAMREPLY"),
            Map.entry(RPL_ENDOFNAMES, "RPL_ENDOFNAMES"),
            Map.entry(RPL_BANLIST, "RPL_BANLIST"),
            Map.entry(RPL_ENDOFBANLIST, "RPL_ENDOFBANLIST"),
            Map.entry(RPL_MOTD, "RPL_MOTD"),
            Map.entry(RPL_MOTDSTART, "RPL_MOTDSTART"),
            Map.entry(RPL_ENDOFMOTD, "RPL_ENDOFMOTD"),
            Map.entry(RPL_YOUREOPER, "RPL_YOUREOPER"),
            Map.entry(RPL_TIME, "RPL_TIME"),
            Map.entry(ERR_UNKNOWNERROR, "ERR_UNKNOWNERROR"),
            Map.entry(ERR_NOSUCHNICK, "ERR_NOSUCHNICK"),
            Map.entry(ERR_NOSUCHSERVER, "ERR_NOSUCHSERVER"),
            Map.entry(ERR_NOSUCHCHANNEL, "ERR_NOSUCHCHANNEL"),
            Map.entry(ERR_CANNOTSENDTOCHAN, "ERR_CANNOTSENDTOCHAN"),
            Map.entry(ERR_TOOMANYCHANNELS, "ERR_TOOMANYCHANNELS"),
            Map.entry(ERR_TOOMANYTARGETS, "ERR_TOOMANYTARGETS"),
            Map.entry(ERR_NOORIGIN, "ERR_NOORIGIN"),
            Map.entry(ERR_INVALIDCAPCMD, "ERR_INVALIDCAPCMD"),
            Map.entry(ERR_NORECIPIENT, "ERR_NORECIPIENT"),
            Map.entry(ERR_NOTEXTTOSEND, "ERR_NOTEXTTOSEND"),
            Map.entry(ERR_INPUTTOOLONG, "ERR_INPUTTOOLONG"),
            Map.entry(ERR_UNKNOWNCOMMAND, "ERR_UNKNOWNCOMMAND"),
            Map.entry(ERR_NOMOTD, "ERR_NOMOTD"),
            Map.entry(ERR_NONICKNAMEGIVEN, "ERR_NONICKNAMEGIVEN"),
            Map.entry(ERR_ERRONEUSNICKNAME, "ERR_ERRONEUSNICKNAME"),
            Map.entry(ERR_NICKNAMEINUSE, "ERR_NICKNAMEINUSE"),
            Map.entry(ERR_UNAVAILRESOURCE, "ERR_UNAVAILRESOURCE"),
            Map.entry(ERR_USERNOTINCHANNEL, "ERR_USERNOTINCHANNEL"),
            Map.entry(ERR_NOTONCHANNEL, "ERR_NOTONCHANNEL"),
            Map.entry(ERR_USERONCHANNEL, "ERR_USERONCHANNEL"),
            Map.entry(ERR_NOTREGISTERED, "ERR_NOTREGISTERED"),
            Map.entry(ERR_NEEDMOREPARAMS, "ERR_NEEDMOREPARAMS"),
            Map.entry(ERR_ALREADYREGISTERED, "ERR_ALREADYREGISTERED"),
            Map.entry(ERR_PASSWDMISMATCH, "ERR_PASSWDMISMATCH"),
            Map.entry(ERR_YOUREBANNEDCREEP, "ERR_YOUREBANNEDCREEP"),
            Map.entry(ERR_KEYSET, "ERR_KEYSET"),
            Map.entry(ERR_CHANNELISFULL, "ERR_CHANNELISFULL"),
            Map.entry(ERR_UNKNOWNMODE, "ERR_UNKNOWNMODE"),
            Map.entry(ERR_INVITEONLYCHAN, "ERR_INVITEONLYCHAN"),
            Map.entry(ERR_BANNEDFROMCHAN, "ERR_BANNEDFROMCHAN"),
            Map.entry(ERR_BADCHANNELKEY, "ERR_BADCHANNELKEY"),
            Map.entry(ERR_BADCHANMASK, "ERR_BADCHANMASK"),
            Map.entry(ERR_BANLISTFULL, "ERR_BANLISTFULL"),
            Map.entry(ERR_NOPRIVILEGES, "ERR_NOPRIVILEGES"),
            Map.entry(ERR_CHANOPRIVSNEEDED, "ERR_CHANOPRIVSNEEDED"),
            Map.entry(ERR_CANTKILLSERVER, "ERR_CANTKILLSERVER"),
            Map.entry(ERR_NOOPERHOST, "ERR_NOOPERHOST"),
            Map.entry(ERR_UMODEUNKNOWNFLAG, "ERR_UMODEUNKNOWNFLAG"),
            Map.entry(ERR_USERSDONTMATCH, "ERR_USERSDONTMATCH"),
            Map.entry(ERR_INVALIDKEY, "ERR_INVALIDKEY"),
            Map.entry(ERR_INVALIDMODEPARAM, "ERR_INVALIDMODEPARAM"),
            Map.entry(RPL_LOGGEDIN, "RPL_LOGGEDIN"),
            Map.entry(RPL_LOGGEDOUT, "RPL_LOGGEDOUT"),
            Map.entry(ERR_NICKLOCKED, "ERR_NICKLOCKED"),
            Map.entry(RPL_SASLSUCCESS, "RPL_SASLSUCCESS"),
            Map.entry(ERR_SASLFAIL, "ERR_SASLFAIL"),
            Map.entry(ERR_SASLTOOLONG, "ERR_SASLTOOLONG"),
            Map.entry(ERR_SASLABORTED, "ERR_SASLABORTED"),
            Map.entry(ERR_SASLALREADY, "ERR_SASLALREADY"),
            Map.entry(RPL_SASLMECHS, "RPL_SASLMECHS"));

    private Numerics() {
    }

    /**
     * The symbolic name of a numeric.
     *
     * @param numeric three digits, such as {@code 001}
     * @return its name, such as {@code RPL_WELCOME}, or {@code null} for one this class does not know
     */
    public static @Nullable String name(String numeric) {
        return NAMES.get(numeric);
    }
}
