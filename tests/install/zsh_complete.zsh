# Completes each LINE in an interactive zsh (zsh/zpty), with compinit and
# COMPDIR first on $fpath, and prints "@@ LINE" then each candidate offered,
# one a line. compadd is wrapped to print what it is given, so the listing
# does not depend on the terminal.
#   zsh -f zsh_complete.zsh COMPDIR LINE...
zmodload zsh/zpty || exit 2
compdir=$1
shift
zpty z zsh -f -i
zpty -w z "PS1='' RPROMPT=''; unsetopt zle_bracketed_paste 2>/dev/null; bindkey -e"
zpty -w z "fpath=(${(q)compdir} \$fpath); autoload -Uz compinit; compinit -u -D"
zpty -w z 'compadd () {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return $?; fi
  typeset -a __hits; builtin compadd -A __hits "$@"; local r=$?
  local h; for h in $__hits; do print -r -- "<hit>$h</hit>"; done; return r }'
# A completer that says when the completion is over.
zpty -w z '_done_complete () { _complete; local r=$?; print -r -- "<end$((6*7))>"; return r }'
zpty -w z "zstyle ':completion:*' completer _done_complete; zstyle ':completion:*' menu no"
zpty -w z 'print __ready__$((6*7))'
out=""
while zpty -r z out; do [[ $out == *__ready__42* ]] && break; done
for line in "$@"; do
  print -r -- "@@ $line"
  zpty -n -w z "$line"$'\t'
  got=()
  while zpty -r z out; do
    got+=("$out")
    [[ $out == *\<end42\>* ]] && break
  done
  # Clear the line (^U, kill-whole-line) and wait for the prompt.
  zpty -n -w z $'\C-u'
  zpty -w z 'print __done__$((6*7))'
  while zpty -r z out; do [[ $out == *__done__42* ]] && break; done
  # Each candidate is "<hit>WORD</hit>" somewhere in the output.
  text=${(j::)got}
  for m in ${(M)${(s:</hit>:)text}##*<hit>*}; do print -r -- ${m##*<hit>}; done
done
zpty -d z
