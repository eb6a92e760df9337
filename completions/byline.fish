# fish completion for byline(1). Installed as
# share/fish/vendor_completions.d/byline.fish; or copy it to
# ~/.config/fish/completions/.

set -l commands index search show similar timeline info eval bench help

complete -c byline -f
# Top level: the commands and their own options.
complete -c byline -n "not __fish_seen_subcommand_from $commands" -s h -l help -d 'Print the help and exit'
complete -c byline -n "not __fish_seen_subcommand_from $commands" -l version -d 'Print the version and exit'
complete -c byline -n "not __fish_seen_subcommand_from $commands" -a index -d 'Index news articles from files and folders'
complete -c byline -n "not __fish_seen_subcommand_from $commands" -a search -d 'Search the index'
complete -c byline -n "not __fish_seen_subcommand_from $commands" -a show -d 'Print whole articles by their ids'
complete -c byline -n "not __fish_seen_subcommand_from $commands" -a similar -d 'Articles about the same story or topic'
complete -c byline -n "not __fish_seen_subcommand_from $commands" -a timeline -d 'Matching articles over time'
complete -c byline -n "not __fish_seen_subcommand_from $commands" -a info -d 'What a database holds'
complete -c byline -n "not __fish_seen_subcommand_from $commands" -a eval -d 'Measure ranking quality on judged topics'
complete -c byline -n "not __fish_seen_subcommand_from $commands" -a bench -d 'Measure query latency and throughput'
complete -c byline -n "not __fish_seen_subcommand_from $commands" -a help -d 'The commands, or one command\'s help'
complete -c byline -n "__fish_seen_subcommand_from help" -a "index search show similar timeline info eval bench"

# Options shared by several commands.
complete -c byline -n "__fish_seen_subcommand_from $commands" -s h -l help -d 'Print the help and exit'
complete -c byline -n "__fish_seen_subcommand_from index search show similar timeline info eval bench" -l db -r -F -d 'Database folder or stub'
complete -c byline -n "__fish_seen_subcommand_from search show similar timeline" -l color -x -a "auto always never" -d Colour
complete -c byline -n "__fish_seen_subcommand_from search similar timeline" -l since -x -d 'Only articles dated on or after (YYYY[-MM[-DD]])'
complete -c byline -n "__fish_seen_subcommand_from search similar timeline" -l until -x -d 'Only articles dated on or before (YYYY[-MM[-DD]])'
complete -c byline -n "__fish_seen_subcommand_from search similar timeline" -l all-copies -d 'Every copy of a story on its own'
complete -c byline -n "__fish_seen_subcommand_from search show similar timeline info eval bench" -l json -d 'JSON output'
complete -c byline -n "__fish_seen_subcommand_from search similar bench" -s n -l limit -x -d 'Hits to show'
complete -c byline -n "__fish_seen_subcommand_from search timeline" -l synonyms -r -F -d 'Synonyms file for this search'

# index
complete -c byline -n "__fish_seen_subcommand_from index" -F -d 'File or folder'
complete -c byline -n "__fish_seen_subcommand_from index" -l rebuild -d 'Start from an empty database'
complete -c byline -n "__fish_seen_subcommand_from index" -l title-weight -x -d 'How many times a title word counts (1-20)'
complete -c byline -n "__fish_seen_subcommand_from index" -l threads -x -d 'Text-analysis threads'
complete -c byline -n "__fish_seen_subcommand_from index" -l shards -x -d 'Write N databases and a stub'
complete -c byline -n "__fish_seen_subcommand_from index" -s q -l quiet -d 'Errors only'
complete -c byline -n "__fish_seen_subcommand_from index" -s v -l verbose -d 'Name every skipped file and why'
complete -c byline -n "__fish_seen_subcommand_from index" -l json -d 'Print the summary as JSON'
complete -c byline -n "__fish_seen_subcommand_from index" -l synonyms -r -F -d 'Store a synonyms file with the database'
complete -c byline -n "__fish_seen_subcommand_from index" -l clear-synonyms -d 'Remove the stored synonyms'

# search (and timeline's query words)
complete -c byline -n "__fish_seen_subcommand_from search" -l offset -x -d 'Hits to skip'
complete -c byline -n "__fish_seen_subcommand_from search" -l sort -x -a "relevance newest oldest" -d Order
complete -c byline -n "__fish_seen_subcommand_from search" -l count -d 'Print only the number of matches'
complete -c byline -n "__fish_seen_subcommand_from search" -l format -x -a "text json ids paths csv" -d Listing
complete -c byline -n "__fish_seen_subcommand_from search" -l op -x -a "or and" -d 'How words side by side combine'
complete -c byline -n "__fish_seen_subcommand_from search" -l explain -d 'Print how the query was understood'
complete -c byline -n "__fish_seen_subcommand_from search" -l strict -d 'Text that is not query syntax is an error'
complete -c byline -n "__fish_seen_subcommand_from search" -l expand -x -d 'Add N feedback terms'
complete -c byline -n "__fish_seen_subcommand_from search" -l facets -x -a "(__fish_append , source author lang year month)" -d 'Count every match by'
complete -c byline -n "__fish_seen_subcommand_from search" -l facets-top -x -d 'Values shown per facet'
complete -c byline -n "__fish_seen_subcommand_from search" -l batch -r -F -d 'One query per line of a file'
complete -c byline -n "__fish_seen_subcommand_from search" -l recent -x -d 'Newer articles rank higher (half-life in days)'
complete -c byline -n "__fish_seen_subcommand_from search" -l suggest -d 'Did you mean'
complete -c byline -n "__fish_seen_subcommand_from search" -l no-suggest -d 'No did you mean'
complete -c byline -n "__fish_seen_subcommand_from search" -l exact -d 'With --suggest: the query as typed'
complete -c byline -n "__fish_seen_subcommand_from search timeline" -a "title: source: author: lang: date:" -d 'Field'
complete -c byline -n "__fish_seen_subcommand_from search timeline; and string match -qi -- 'lang:*' (commandline -ct)" -a "lang:ar lang:ca lang:da lang:de lang:en lang:es lang:eu lang:fi lang:fr lang:ga lang:hu lang:hy lang:id lang:it lang:ja lang:ko lang:lt lang:nb lang:ne lang:nl lang:no lang:nn lang:pt lang:ro lang:ru lang:sv lang:ta lang:th lang:tr lang:zh" -d Language

# show, similar
complete -c byline -n "__fish_seen_subcommand_from show" -l no-pager -d 'Never page'
complete -c byline -n "__fish_seen_subcommand_from similar" -l format -x -a "text json ids paths" -d Listing

# timeline
complete -c byline -n "__fish_seen_subcommand_from timeline" -l by -x -a "day week month year" -d 'Bar length'
complete -c byline -n "__fish_seen_subcommand_from timeline" -l plot -r -F -d 'Also write an SVG bar chart'

# info
complete -c byline -n "__fish_seen_subcommand_from info" -l top -x -d 'Sources and languages shown'

# eval
complete -c byline -n "__fish_seen_subcommand_from eval" -l topics -r -F -d 'Topics file'
complete -c byline -n "__fish_seen_subcommand_from eval" -l qrels -r -F -d 'TREC qrels file'
complete -c byline -n "__fish_seen_subcommand_from eval" -l known-items -r -F -d 'Known-item file'
complete -c byline -n "__fish_seen_subcommand_from eval" -l run -r -F -d 'Write the TREC run file'
complete -c byline -n "__fish_seen_subcommand_from eval" -l tag -x -d 'Run tag'
complete -c byline -n "__fish_seen_subcommand_from eval" -l depth -x -d 'Documents retrieved per topic'
complete -c byline -n "__fish_seen_subcommand_from eval" -l as-search -d 'Run topics as byline search queries'
complete -c byline -n "__fish_seen_subcommand_from eval" -l op -x -a "or and" -d 'Default operator'
complete -c byline -n "__fish_seen_subcommand_from eval" -l per-topic -d 'Print the metrics of every topic'
complete -c byline -n "__fish_seen_subcommand_from eval" -l k1 -x -d 'BM25 k1'
complete -c byline -n "__fish_seen_subcommand_from eval" -l b -x -d 'BM25 b'
complete -c byline -n "__fish_seen_subcommand_from eval" -l title-boost -x -d 'Weight of title matches'
complete -c byline -n "__fish_seen_subcommand_from eval" -l stop-words -x -a "on off" -d 'Drop function words from topics'
complete -c byline -n "__fish_seen_subcommand_from eval" -l proximity -x -d 'Proximity bonus'
complete -c byline -n "__fish_seen_subcommand_from eval" -l proximity-window -x -d 'Positions for the proximity bonus'
complete -c byline -n "__fish_seen_subcommand_from eval" -l proximity-depth -x -d 'Results the proximity bonus reorders'
complete -c byline -n "__fish_seen_subcommand_from eval" -l expand -x -d 'Expansion terms'
complete -c byline -n "__fish_seen_subcommand_from eval" -l expand-docs -x -d 'Feedback documents'
complete -c byline -n "__fish_seen_subcommand_from eval" -l expand-weight -x -d 'Weight of expansion terms'
complete -c byline -n "__fish_seen_subcommand_from eval" -l feedback-overlap -x -d 'Share of terms for a duplicate'
complete -c byline -n "__fish_seen_subcommand_from eval" -l feedback-gate -x -d 'Expand only above this score share'
complete -c byline -n "__fish_seen_subcommand_from eval" -l feedback-gate-width -x -d 'Ramp the expansion weight in'
complete -c byline -n "__fish_seen_subcommand_from eval" -l feedback-short-docs -x -d 'Feedback articles for a short query'
complete -c byline -n "__fish_seen_subcommand_from eval" -l feedback-term-share -x -d 'Weigh expansion terms by their share'
complete -c byline -n "__fish_seen_subcommand_from eval" -l feedback-max-df -x -d 'Leave out terms in more than this share'
complete -c byline -n "__fish_seen_subcommand_from eval" -l feedback-query-share -x -d 'Cap the expansion weight'
complete -c byline -n "__fish_seen_subcommand_from eval" -l feedback-min-overlap -x -d 'Keep expansion only above this overlap'
complete -c byline -n "__fish_seen_subcommand_from eval" -l feedback-keep-top -x -d 'Keep the first pass best hits on top'
complete -c byline -n "__fish_seen_subcommand_from eval" -l feedback-keep-below -x -d 'Keep them only below this first pass flatness'
complete -c byline -n "__fish_seen_subcommand_from eval" -l feedback-long-query -x -d 'Always expand queries this long'
complete -c byline -n "__fish_seen_subcommand_from eval" -l feedback-short-terms -x -d 'Expansion terms for a short query'

# bench
complete -c byline -n "__fish_seen_subcommand_from bench" -l queries -r -F -d 'Query log'
complete -c byline -n "__fish_seen_subcommand_from bench" -l snippets -d 'Make snippets for every hit'
complete -c byline -n "__fish_seen_subcommand_from bench" -l exact-count -d 'Count every match exactly'
complete -c byline -n "__fish_seen_subcommand_from bench" -l all-copies -d 'List every copy of a story'
complete -c byline -n "__fish_seen_subcommand_from bench" -l suggest -d 'Did you mean, as search --suggest'
complete -c byline -n "__fish_seen_subcommand_from bench" -l threads -x -d 'Searcher threads'
complete -c byline -n "__fish_seen_subcommand_from bench" -l warmup -x -d 'Untimed passes'
complete -c byline -n "__fish_seen_subcommand_from bench" -l repeat -x -d 'Timed passes'
complete -c byline -n "__fish_seen_subcommand_from bench" -l plot -r -F -d 'Write an SVG of the latencies'
