# fish completion for netlog(1)
#
# Handles and ask ids come from the journal through `netlog _handles` and
# `netlog _asks`, run with the --journal/--config given on the line; with no
# journal they complete nothing.

# Prints, one a line, what the words before the cursor choose: the command, its
# subcommand, how many positional arguments follow, whether --from was given,
# and whether `--` was.
function __netlog_parse
    set -l tokens (commandline -opc)
    set -e tokens[1]
    # Options that take a value, whatever the command.
    set -l value_options -j --journal -c --config --color --today --on --kind --tag --gave \
        --got --weight --tier --from --via --by --note --within --top --cadence --email \
        --company --role --url --name --handle --snooze --added --since --limit --what --rm-email
    set -l command ''
    set -l sub ''
    set -l positional 0
    set -l from 0
    set -l dashdash 0
    set -l skip 0
    for token in $tokens
        if test $skip = 1
            set skip 0
            continue
        end
        if test $dashdash = 0
            if test "$token" = --
                set dashdash 1
                continue
            end
            string match -q -- '--from*' $token; and set from 1
            if string match -q -- '-*' $token
                contains -- $token $value_options; and set skip 1
                continue
            end
        end
        if test -z "$command"
            set command $token
        else if test -z "$sub" -a $positional = 0 -a $dashdash = 0; and contains -- $token (__netlog_subcommands $command)
            set sub $token
        else
            set positional (math $positional + 1)
        end
    end
    printf '%s\n' $command $sub $positional $from $dashdash
end

function __netlog_subcommands --argument-names command
    switch $command
        case ask
            printf '%s\n' list reply nudge done decline drop
        case people
            printf '%s\n' add set rm merge
        case import
            printf '%s\n' linkedin vcard json mail calendar
    end
end

# True when the line is in command $argv[1], subcommand $argv[2] ('' for none).
function __netlog_in
    set -l s (__netlog_parse)
    test "$s[1]" = "$argv[1]" -a "$s[2]" = "$argv[2]"
end

# True when, in addition, the word under the cursor is positional argument $argv[3] (from 0).
function __netlog_at
    set -l s (__netlog_parse)
    test "$s[1]" = "$argv[1]" -a "$s[2]" = "$argv[2]" -a "$s[3]" = "$argv[3]"
end

# `ask WHO TEXT` where WHO goes (not after `ask --from WHO`); the subcommands also
# go there unless after `--`.
function __netlog_ask_who
    set -l s (__netlog_parse)
    test "$s[1]" = ask -a -z "$s[2]" -a "$s[3]" = 0 -a "$s[4]" = 0
end

function __netlog_ask_subcommand
    __netlog_ask_who; and test (__netlog_parse)[5] = 0
end

# `help COMMAND SUBCOMMAND`: the subcommands of the command named after `help`.
function __netlog_help_sub
    set -l s (__netlog_parse)
    test "$s[1]" = help -a "$s[3]" = 1; or return
    set -l subcommands (__netlog_subcommands (commandline -opc)[-1])
    set -q subcommands[1]
end

# Runs `netlog _handles` or `netlog _asks` on the journal the line names.
function __netlog_query
    set -l tokens (commandline -opc)
    set -l bin (string replace -r '^~/' "$HOME/" -- $tokens[1])
    set -l journal
    set -l i 2
    while test $i -le (count $tokens)
        switch $tokens[$i]
            case -j --journal -c --config
                if test $i -lt (count $tokens)
                    set -a journal $tokens[$i] (string replace -r '^~/' "$HOME/" -- $tokens[(math $i + 1)])
                end
                set i (math $i + 1)
            case '--journal=*' '--config=*' '-j?*' '-c?*'
                set -a journal $tokens[$i]
        end
        set i (math $i + 1)
    end
    $bin $journal $argv 2>/dev/null
end

function __netlog_handles
    __netlog_query _handles
end

# WHO[,WHO…]: completes the handle after the last comma, leaving out those listed.
function __netlog_handle_list
    set -l listed (string split , -- (commandline -ct))
    set -q listed[1]; and set -e listed[-1]
    set -l done ''
    set -q listed[1]; and set done (string join , -- $listed),
    for handle in (__netlog_handles)
        contains -- $handle $listed; or printf '%s%s\n' $done $handle
    end
end

function __netlog_asks
    __netlog_query _asks
end

complete -c netlog -f

# Global options: netlog takes them before or after the command.
complete -c netlog -s j -l journal -r -F -d 'Journal file (NETLOG_JOURNAL)'
complete -c netlog -s c -l config -r -F -d 'Config file (NETLOG_CONFIG)'
complete -c netlog -l json -d 'Machine-readable output: one JSON document'
complete -c netlog -l color -x -a 'auto always never' -d 'When to colour the output'
complete -c netlog -l today -x -d 'Act as if today were DATE'
complete -c netlog -s q -l quiet -d 'Print nothing but errors and what was asked for'
complete -c netlog -s V -l version -d 'Print the version and the git revision'
complete -c netlog -s h -l help -d 'Print help and exit'

# Commands
complete -c netlog -n '__netlog_in ""' -a add -d 'Log an interaction, with favours'
complete -c netlog -n '__netlog_in ""' -a ask -d 'Record an ask and follow it through'
complete -c netlog -n '__netlog_in ""' -a owe -d 'Who owes whom'
complete -c netlog -n '__netlog_in ""' -a due -d 'What needs action today'
complete -c netlog -n '__netlog_in ""' -a audit -d 'The empty-networking audit'
complete -c netlog -n '__netlog_in ""' -a who -d 'Who knows about something, and the path to them'
complete -c netlog -n '__netlog_in ""' -a people -d 'List people; add, change or remove them'
complete -c netlog -n '__netlog_in ""' -a show -d "A person's card"
complete -c netlog -n '__netlog_in ""' -a log -d 'Recent interactions, newest first'
complete -c netlog -n '__netlog_in ""' -a rm -d 'Remove an interaction, ask or favour'
complete -c netlog -n '__netlog_in ""' -a edit -d 'Amend an interaction, ask or favour in place'
complete -c netlog -n '__netlog_in ""' -a import -d 'Bring in LinkedIn, vCards, mail, a calendar or an export'
complete -c netlog -n '__netlog_in ""' -a export -d 'Everything as JSON Lines'
complete -c netlog -n '__netlog_in ""' -a check -d "Check the journal's integrity"
complete -c netlog -n '__netlog_in ""' -a backup -d 'Write a consistent copy of the journal'
complete -c netlog -n '__netlog_in ""' -a help -d 'Show help for netlog or a command'

# add WHO[,WHO…] NOTE
complete -c netlog -n '__netlog_at add "" 0' -a '(__netlog_handle_list)'
complete -c netlog -n '__netlog_in add' -l on -x -d 'When it happened (default today)'
complete -c netlog -n '__netlog_in add' -l kind -x -a 'meet call coffee message email event intro' -d 'Kind of interaction'
complete -c netlog -n '__netlog_in add' -l tag -x -d 'A tag (repeatable)'
complete -c netlog -n '__netlog_in add' -l them -d 'They reached out (default: you did)'
complete -c netlog -n '__netlog_in add' -l gave -x -d 'A favour you gave each of them'
complete -c netlog -n '__netlog_in add' -l got -x -d 'A favour each of them gave you'
complete -c netlog -n '__netlog_in add' -l weight -x -d 'Weight of each favour'
complete -c netlog -n '__netlog_in add' -l new -d 'Add people not in the journal yet'
complete -c netlog -n '__netlog_in add' -l tier -x -a 'inner network weak none' -d 'Tier of people added with --new'

# ask WHO TEXT | ask --from WHO TEXT | ask list|reply|nudge|done|decline|drop
complete -c netlog -n __netlog_ask_subcommand -a list -d 'List asks'
complete -c netlog -n __netlog_ask_subcommand -a reply -d 'The reply happened'
complete -c netlog -n __netlog_ask_subcommand -a nudge -d 'You followed up your open ask'
complete -c netlog -n __netlog_ask_subcommand -a done -d 'The ask was done; records the favour'
complete -c netlog -n __netlog_ask_subcommand -a decline -d 'Said no'
complete -c netlog -n __netlog_ask_subcommand -a drop -d 'The ask is no longer relevant'
complete -c netlog -n __netlog_ask_who -a '(__netlog_handles)'
complete -c netlog -n '__netlog_in ask' -l from -x -a '(__netlog_handles)' -d 'They ask you: who made the ask'
complete -c netlog -n '__netlog_in ask' -l via -x -a '(__netlog_handles)' -d 'Who introduces you'
complete -c netlog -n '__netlog_in ask' -l by -x -d 'When it is needed'
complete -c netlog -n '__netlog_in ask' -l on -x -d 'When the ask was made (default today)'
complete -c netlog -n '__netlog_in ask' -l new -d 'Add the person if not in the journal yet'
complete -c netlog -n '__netlog_in ask' -l tier -x -a 'inner network weak none' -d 'Tier of a person added with --new'
complete -c netlog -n '__netlog_at ask list 0' -a '(__netlog_handles)'
complete -c netlog -n '__netlog_in ask list' -l open -d 'Only asks still open or replied (default)'
complete -c netlog -n '__netlog_in ask list' -l all -d 'Also finished asks'
complete -c netlog -n '__netlog_in ask list' -l in -d 'Only asks made to you'
complete -c netlog -n '__netlog_in ask list' -l out -d 'Only asks you made'
for sub in reply nudge done decline drop
    complete -c netlog -n "__netlog_at ask $sub 0" -a '(__netlog_asks)'
end
for sub in reply nudge done decline
    complete -c netlog -n "__netlog_in ask $sub" -l on -x -d 'When it happened (default today)'
end
complete -c netlog -n '__netlog_in ask done' -l weight -x -d 'Weight of the favour'
complete -c netlog -n '__netlog_in ask done' -l note -x -d 'A note on how it went'

# owe, due, audit
complete -c netlog -n '__netlog_at owe "" 0' -a '(__netlog_handles)'
complete -c netlog -n '__netlog_in owe' -l all -d 'Also list settled people'
complete -c netlog -n '__netlog_in due' -l within -x -d 'Also list what falls due in the next DURATION'
complete -c netlog -n '__netlog_in due' -l digest -d 'For cron: no output when nothing is due'
complete -c netlog -n '__netlog_in due' -l exit-code -d 'Exit 1 when something is overdue'
complete -c netlog -n '__netlog_in audit' -l top -x -d 'List the N findings to act on first'
complete -c netlog -n '__netlog_in who' -l limit -x -d 'At most N people'
complete -c netlog -n '__netlog_in who' -l tier -x -a 'inner network weak none' -d 'Only people of this tier'

# people [QUERY] | people add|set|rm|merge
complete -c netlog -n '__netlog_at people "" 0' -a add -d 'Add a person'
complete -c netlog -n '__netlog_at people "" 0' -a set -d "Change a person's name, handle, tier or details"
complete -c netlog -n '__netlog_at people "" 0' -a rm -d 'Remove a person'
complete -c netlog -n '__netlog_at people "" 0' -a merge -d 'Fold a duplicate person into another'
complete -c netlog -n '__netlog_in people' -l tier -x -a 'inner network weak none' -d 'Only this tier'
complete -c netlog -n '__netlog_in people' -l tag -x -d 'Only people with this tag'
complete -c netlog -n '__netlog_in people' -l empty -d 'Only people you never met'
complete -c netlog -n '__netlog_in people' -l stale -d 'Only people due to reconnect'
for sub in add set
    complete -c netlog -n "__netlog_in people $sub" -l tier -x -a 'inner network weak none' -d Tier
    complete -c netlog -n "__netlog_in people $sub" -l cadence -x -d 'How often to be in touch (30d, 3m…)'
    complete -c netlog -n "__netlog_in people $sub" -l via -x -a '(__netlog_handles)' -d 'Who introduced them'
    complete -c netlog -n "__netlog_in people $sub" -l email -x -d 'An email address (repeatable; the first is the primary)'
    complete -c netlog -n "__netlog_in people $sub" -l company -x -d Company
    complete -c netlog -n "__netlog_in people $sub" -l role -x -d 'Role or position'
    complete -c netlog -n "__netlog_in people $sub" -l url -x -d 'A profile or web address'
    complete -c netlog -n "__netlog_in people $sub" -l tag -x -d 'A tag (repeatable)'
    complete -c netlog -n "__netlog_in people $sub" -l note -x -d 'Notes about them'
end
complete -c netlog -n '__netlog_in people set' -l rm-email -x -d 'Remove an email address (repeatable)'
complete -c netlog -n '__netlog_in people add' -l again -d 'Add a second person of a name already in the journal'
complete -c netlog -n '__netlog_in people set' -l name -x -d 'A new display name'
complete -c netlog -n '__netlog_in people set' -l handle -x -d 'A new handle'
complete -c netlog -n '__netlog_in people set' -l snooze -x -a off -d 'Quiet their reconnect reminder (DATE, DURATION or off)'
complete -c netlog -n '__netlog_in people set' -l added -x -d 'The day they were added to the journal'
complete -c netlog -n '__netlog_in people rm' -l force -d 'Also remove their interactions, favours and asks'
complete -c netlog -n '__netlog_at people set 0' -a '(__netlog_handles)'
complete -c netlog -n '__netlog_at people rm 0' -a '(__netlog_handles)'
complete -c netlog -n '__netlog_in people merge' -l dry-run -d 'Say what would move; write nothing'
complete -c netlog -n '__netlog_at people merge 0' -a '(__netlog_handles)' -d 'The duplicate'
complete -c netlog -n '__netlog_at people merge 1' -a '(__netlog_handles)' -d 'The person who stays'

# show WHO, log [WHO], rm ID…
complete -c netlog -n '__netlog_at show "" 0' -a '(__netlog_handles)'
complete -c netlog -n '__netlog_at log "" 0' -a '(__netlog_handles)'
complete -c netlog -n '__netlog_in log' -l since -x -d 'Only interactions on or after DATE'
complete -c netlog -n '__netlog_in log' -l limit -x -d 'At most N interactions'

# edit ID: which options apply depends on the type the id names.
complete -c netlog -n '__netlog_in edit' -l on -x -d 'The new date (interaction, ask, favour)'
complete -c netlog -n '__netlog_in edit' -l kind -x -a 'meet call coffee message email event intro' -d 'Interaction: the new kind'
complete -c netlog -n '__netlog_in edit' -l note -x -d 'Interaction or ask: the new note'
complete -c netlog -n '__netlog_in edit' -l tag -x -d 'Interaction: add a tag (-TAG removes it)'
complete -c netlog -n '__netlog_in edit' -l them -d 'Interaction: they reached out'
complete -c netlog -n '__netlog_in edit' -l me -d 'Interaction: you reached out'
complete -c netlog -n '__netlog_in edit' -l what -x -d 'Ask or favour: the new text'
complete -c netlog -n '__netlog_in edit' -l weight -x -d 'Favour: the new weight'
complete -c netlog -n '__netlog_in edit' -l by -x -d 'Ask: when it is needed'
complete -c netlog -n '__netlog_in edit' -l via -x -a '(__netlog_handles)' -d 'Ask you made: who introduces you'

# import FORMAT FILE, backup FILE
complete -c netlog -n '__netlog_at import "" 0' -a linkedin -d "Connections.csv from LinkedIn's data export"
complete -c netlog -n '__netlog_at import "" 0' -a vcard -d 'A .vcf file of contacts'
complete -c netlog -n '__netlog_at import "" 0' -a json -d "Another journal's netlog export"
complete -c netlog -n '__netlog_at import "" 0' -a mail -d 'Emails from Maildir folders and mbox files'
complete -c netlog -n '__netlog_at import "" 0' -a calendar -d 'Meetings and calls from an .ics file'
complete -c netlog -n '__netlog_in import mail' -F
for format in mail calendar
    complete -c netlog -n "__netlog_in import $format" -l me -x -d 'One of my own addresses'
    complete -c netlog -n "__netlog_in import $format" -l since -x -d 'Read nothing older than DATE'
end
complete -c netlog -n '__netlog_in import mail' -l new -d 'Add correspondents with a two-way exchange'
complete -c netlog -n '__netlog_in import mail' -l dry-run -d 'Say what would change; write nothing'
for format in linkedin vcard json calendar
    complete -c netlog -n "__netlog_at import $format 0" -F
    complete -c netlog -n "__netlog_in import $format" -l dry-run -d 'Say what would change; write nothing'
end
for format in linkedin vcard mail calendar
    complete -c netlog -n "__netlog_in import $format" -l strict -d 'Refuse the whole file if any record cannot be read'
end
complete -c netlog -n '__netlog_at backup "" 0' -F
complete -c netlog -n '__netlog_in check' -l full -d 'Also compare every index with its table'
complete -c netlog -n '__netlog_in check' -l salvage -r -F -d 'Copy what can be read of a damaged journal into a new one'

# help [COMMAND [SUBCOMMAND]]
complete -c netlog -n '__netlog_at help "" 0' -a 'add ask who owe due audit people show log rm edit import export check backup help'
complete -c netlog -n __netlog_help_sub -a '(__netlog_subcommands (commandline -opc)[-1])'
