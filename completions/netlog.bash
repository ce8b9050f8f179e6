# bash completion for netlog(1)                               -*- shell-script -*-
#
# Works with or without the bash-completion package: it reads COMP_WORDS and
# COMP_CWORD itself and uses bash-completion only, when loaded, to complete file
# names. Handles and ask ids come from the journal through `netlog _handles` and
# `netlog _asks`, run with the --journal/--config given on the line.

# Options that take a value, whatever the command (a value never starts a command).
_netlog_value_options=" -j --journal -c --config --color --today --on --kind --tag --gave \
--got --weight --tier --from --via --by --note --within --top --cadence --email --company \
--role --url --name --handle --snooze --added --since --limit --what --rm-email --salvage "

# Options that take a value in some commands only: `--me` is a flag of `edit` but
# your address in `import mail` and `import calendar`.
declare -gA _netlog_command_value_options=(
    [import mail]=" --me "
    [import calendar]=" --me "
)

# True when option $1 takes a value in command $2 ("import mail", "" for none yet).
_netlog_takes_value() {
    [[ $_netlog_value_options == *" $1 "* ]] && return 0
    [[ -n $2 && ${_netlog_command_value_options[$2]} == *" $1 "* ]]
}

_netlog_global_options="--journal -j --config -c --json --color --today --quiet -q --version -V --help -h"

# The options of each command, as `netlog _commands` lists them (without global ones).
declare -gA _netlog_command_options=(
    [add]="--help -h --on --kind --tag --them --gave --got --weight --new --tier"
    [ask]="--help -h --from --via --by --on --new --tier"
    [ask list]="--help -h --open --all --in --out"
    [ask reply]="--help -h --on"
    [ask nudge]="--help -h --on"
    [ask done]="--help -h --on --weight --note"
    [ask decline]="--help -h --on"
    [ask drop]="--help -h"
    [who]="--help -h --limit --tier"
    [owe]="--help -h --all"
    [due]="--help -h --within --digest --exit-code"
    [audit]="--help -h --top"
    [people]="--help -h --tier --tag --empty --stale"
    [people add]="--help -h --tier --cadence --via --email --company --role --url --tag --note --again"
    [people set]="--help -h --name --handle --tier --cadence --via --email --rm-email --company --role --url --tag --note --snooze --added"
    [people rm]="--help -h --force"
    [people merge]="--help -h --dry-run"
    [show]="--help -h"
    [log]="--help -h --since --limit"
    [rm]="--help -h"
    [edit]="--help -h --on --kind --note --tag --them --me --what --weight --by --via"
    [import]="--help -h"
    [import linkedin]="--help -h --dry-run --strict"
    [import vcard]="--help -h --dry-run --strict"
    [import json]="--help -h --dry-run"
    [import mail]="--help -h --me --new --since --dry-run --strict"
    [import calendar]="--help -h --me --since --dry-run --strict"
    [export]="--help -h"
    [check]="--help -h --full --salvage"
    [backup]="--help -h"
    [help]="--help -h"
)

_netlog_commands="add ask who owe due audit people show log rm edit import export check backup help"

declare -gA _netlog_subcommands=(
    [ask]="list reply nudge done decline drop"
    [people]="add set rm merge"
    [import]="linkedin vcard json mail calendar"
)

# Adds to COMPREPLY each word that starts with $cur, behind $_netlog_prefix.
# (Not compgen -W: that would expand `$` and backquotes in what the journal holds.)
_netlog_add() {
    local word
    for word in "$@"; do
        [[ $word == "$cur"* ]] && COMPREPLY+=("$_netlog_prefix$word")
    done
}

_netlog_add_files() {
    if declare -F _filedir >/dev/null && [[ -z $_netlog_prefix ]]; then
        _filedir
    else
        compopt -o filenames 2>/dev/null
        local file
        while IFS= read -r file; do
            COMPREPLY+=("$_netlog_prefix$file")
        done < <(compgen -f -- "$cur")
    fi
}

# Runs `netlog _handles` or `netlog _asks` on the journal the line names.
_netlog_query() {
    local bin=${words[0]}
    [[ $bin == "~/"* ]] && bin=$HOME/${bin#"~/"}
    "$bin" "${_netlog_journal_args[@]}" "$@" 2>/dev/null
}

# The handles for what is typed: netlog matches it against handles and names, in any
# case and without accents (`José`, `Da`), so its answer is not filtered again here.
_netlog_add_handles() {
    local -a handles
    local handle
    mapfile -t handles < <(_netlog_query _handles -- "$cur")
    for handle in "${handles[@]}"; do
        COMPREPLY+=("$_netlog_prefix$handle")
    done
}

_netlog_add_asks() {
    local -a asks
    mapfile -t asks < <(_netlog_query _asks)
    _netlog_add "${asks[@]}"
}

# WHO[,WHO…]: completes the handle after the last comma, leaving out those listed.
_netlog_add_handle_list() {
    local listed="" handle
    [[ $cur == *,* ]] && listed=${cur%,*}
    local -a handles
    mapfile -t handles < <(_netlog_query _handles -- "${cur##*,}")
    local _netlog_prefix=$_netlog_prefix${listed:+$listed,}
    for handle in "${handles[@]}"; do
        [[ ",$listed," == *",$handle,"* ]] || COMPREPLY+=("$_netlog_prefix$handle")
    done
}

_netlog() {
    COMPREPLY=()
    local -a words=() _netlog_journal_args=()
    local cword=0 i word

    # Put back together what COMP_WORDBREAKS split at '=': `--via=al` arrives as
    # `--via`, `=`, `al`.
    for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do
        word=${COMP_WORDS[i]}
        if ((i > 1)) && { [[ $word == "=" && ${words[-1]} == --* && ${words[-1]} != *=* ]] ||
                          [[ ${COMP_WORDS[i - 1]} == "=" && ${words[-1]} == --*= ]]; }; then
            words[-1]+=$word
        else
            words+=("$word")
        fi
        ((i == COMP_CWORD)) && cword=$((${#words[@]} - 1))
        ((i >= COMP_CWORD)) && break
    done

    local cur=${words[cword]} prev=${words[cword - 1]}
    # With `--opt=value`, readline replaces only what follows '=' when '=' breaks
    # words (the default); otherwise the whole word, so the prefix goes back on.
    local _netlog_prefix=""
    if [[ $cur == --*=* ]]; then
        prev=${cur%%=*}
        cur=${cur#*=}
        [[ $COMP_WORDBREAKS == *=* ]] || _netlog_prefix=$prev=
    fi

    # Walk the words before the cursor: the command, its subcommand, how many
    # positional arguments so far, and the options that choose the journal.
    local command="" sub="" positional=0 dashdash=0 from=0
    for ((i = 1; i < cword; i++)); do
        word=${words[i]}
        if ((!dashdash)); then
            case $word in
            --) dashdash=1; continue ;;
            -j | --journal | -c | --config)
                local file=${words[i + 1]}
                [[ $file == "~/"* ]] && file=$HOME/${file#"~/"}
                ((i + 1 < cword)) && _netlog_journal_args+=("$word" "$file")
                ((i++))
                continue
                ;;
            --journal=* | --config=* | -j?* | -c?*)
                _netlog_journal_args+=("$word")
                continue
                ;;
            --from | --from=*) from=1 ;;&
            -*)
                _netlog_takes_value "$word" "$command${sub:+ $sub}" && ((i++))
                continue
                ;;
            esac
        fi
        if [[ -z $command ]]; then
            command=$word
        elif [[ -z $sub && $positional -eq 0 && $dashdash -eq 0 &&
                " ${_netlog_subcommands[$command]} " == *" $word "* ]]; then
            sub=$word
        else
            ((positional++))
        fi
    done

    ((dashdash)) || case $prev in
    --tier) _netlog_add inner network weak none; return ;;
    --kind) _netlog_add meet call coffee message email event intro; return ;;
    --color) _netlog_add auto always never; return ;;
    --from | --via) _netlog_add_handles; return ;;
    --snooze) _netlog_add off; return ;;
    -j | --journal | -c | --config | --salvage) _netlog_add_files; return ;;
    esac
    if ((!dashdash)) && _netlog_takes_value "$prev" "$command${sub:+ $sub}"; then
        return  # a value netlog cannot guess: a date, a note, a number …
    fi

    local path=$command${sub:+ $sub}
    if [[ $cur == -* && $dashdash -eq 0 ]]; then
        [[ -n $path ]] && _netlog_add ${_netlog_command_options[$path]}
        _netlog_add $_netlog_global_options
        return
    fi

    case $command in
    "") _netlog_add $_netlog_commands ;;
    help)
        if ((positional == 0)) && [[ -z $sub ]]; then
            _netlog_add $_netlog_commands
        elif ((positional == 1)) && [[ -n ${_netlog_subcommands[${words[cword - 1]}]} ]]; then
            _netlog_add ${_netlog_subcommands[${words[cword - 1]}]}
        fi
        ;;
    add) ((positional == 0)) && _netlog_add_handle_list ;;
    ask)
        case $sub in
        "")
            if ((positional == 0)); then
                # `--from WHO TEXT`: no WHO, and no subcommand either.
                ((dashdash || from)) || _netlog_add ${_netlog_subcommands[ask]}
                ((from)) || _netlog_add_handles
            fi
            ;;
        list) ((positional == 0)) && _netlog_add_handles ;;
        reply | nudge | done | decline | drop) ((positional == 0)) && _netlog_add_asks ;;
        esac
        ;;
    owe | show | log) ((positional == 0)) && _netlog_add_handles ;;
    people)
        case $sub in
        "") ((positional == 0 && !dashdash)) && _netlog_add ${_netlog_subcommands[people]} ;;
        set | rm) ((positional == 0)) && _netlog_add_handles ;;
        merge) ((positional <= 1)) && _netlog_add_handles ;; # WHO, then INTO
        esac
        ;;
    import)
        if [[ -z $sub ]]; then
            ((positional == 0)) && _netlog_add ${_netlog_subcommands[import]}
        elif ((positional == 0)) || [[ $sub == mail ]]; then # mail: PATH…
            _netlog_add_files
        fi
        ;;
    backup) ((positional == 0)) && _netlog_add_files ;;
    esac
    return 0
}

complete -F _netlog netlog
