# Shared by the benchmarks: sourced, not run. The caller sets $runs, $out and $measure_unit (s or ms).

# What measure records, by name: median wall time and peak RSS.
declare -A wall rss

# measure NAME COMMAND [NAME COMMAND]...: runs each shell COMMAND $runs times, taking turns so that drift in the
# machine's speed falls on all of them alike; records each one's median wall time in wall[NAME], in
# $measure_unit (from the shell's microsecond clock: /usr/bin/time's 10 ms steps are too coarse for fast
# commands), and its peak RSS in MB in rss[NAME]. A failing command's stderr is shown and the benchmark stops.
measure() {
    local -a names=() commands=()
    while [ $# -gt 0 ]; do names+=("$1"); commands+=("$2"); shift 2; done
    local -A times=() peak=()
    local scale=1
    [ "$measure_unit" = ms ] && scale=1000
    for _ in $(seq "$runs"); do
        for i in "${!names[@]}"; do
            local start=$EPOCHREALTIME
            /usr/bin/time -f '%M' -o "$out/time" bash -c "${commands[$i]}" >/dev/null 2>"$out/stderr" \
                || { cat "$out/stderr"; exit 1; }
            local end=$EPOCHREALTIME
            times[$i]="${times[$i]:-} $(python3 -c "print(f'{($end - $start) * $scale:.3f}')")"
            local kb
            kb=$(tail -1 "$out/time")
            [ "$kb" -gt "${peak[$i]:-0}" ] && peak[$i]=$kb
        done
    done
    for i in "${!names[@]}"; do
        local name=${names[$i]}
        wall[$name]=$(printf '%s\n' ${times[$i]} | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
        rss[$name]=$(( peak[$i] / 1024 ))
        printf '%-34s median %9.2f %-2s   peak RSS %5d MB\n' "$name" "${wall[$name]}" "$measure_unit" "${rss[$name]}"
    done
}
