;; The byte pre-filter's hot loops in WebAssembly SIMD (16 bytes a step). Compiled by
;; scripts/build-wasm.mjs into prefilter-wasm.ts; driven by prefilter.ts, which explains the contract.
;;
;; Memory layout (set up by prefilter.ts):
;;   [0, 32768)        marker bitmap: bit ((v0 << 12) | (v1 << 6) | v2) set for each base64 marker's first
;;                     three characters (v = base64 value), as little-endian u32 words
;;   [32768, 33024)    base64 value of each byte (0-63, both alphabets), 255 for other bytes
;;   [33024, 33088)    pair tables, 16 bytes each, indexed by a nibble: bucket bits of the pairs whose
;;                     first byte has that low nibble, that high nibble, then the same for the second byte
;;   [33088, 33120)    base64 class tables: bits by low nibble, by high nibble; a byte is base64 when
;;                     the two share a bit
;;   [65536, 196608)   pair index: u16 per byte pair (first << 8 | second), 1 + the first needle record
;;                     of that pair, 0 for a pair no needle is searched through
;;   [196608, 262144)  needle records, 32 bytes each: u16 next record (1-based, 0 ends the chain), pad,
;;                     i32 needle index, i32 offset of the pair in the needle, i32 needle length,
;;                     i64 first 8 bytes of the needle, i64 mask of the bytes that count
;;   [262144, 327680)  occurrences found by `collect`: i32 needle index, i32 start (from `base`)
;;   [327680, ...)     data: the bytes being searched, always followed by at least 16 readable bytes
(module
  (memory (export "memory") 2)
  (global $run_end (mut i32) (i32.const 0))

  ;; Where `collect` stopped with its output full (the position to resume from), or -1 when it finished.
  (global $resume (mut i32) (i32.const -1))
  (func (export "resumeAt") (result i32) (global.get $resume))

  ;; 1 when the last `collect` met a base64 run `nextRun` would return (valid when it finished in one call).
  (global $saw_run (mut i32) (i32.const 0))
  (func (export "sawRun") (result i32) (global.get $saw_run))

  ;; Where the run found by the last `nextRun` ends.
  (func (export "runEnd") (result i32) (global.get $run_end))

  ;; The needle occurrences whose pair starts at p: each record chained from the pair's index entry is
  ;; checked on its first 8 bytes (the whole needle when it is that short) and written out. Returns the
  ;; new count.
  (func $occurrences (param $p i32) (param $base i32) (param $end i32) (param $n i32) (result i32)
    (local $r i32) (local $rec i32) (local $s i32)
    (local.set $r
      (i32.load16_u offset=65536
        (i32.shl
          (i32.or (i32.shl (i32.load8_u (local.get $p)) (i32.const 8)) (i32.load8_u offset=1 (local.get $p)))
          (i32.const 1))))
    (block $done
      (loop $each
        (br_if $done (i32.eqz (local.get $r)))
        (local.set $rec (i32.add (i32.const 196608) (i32.shl (i32.sub (local.get $r) (i32.const 1)) (i32.const 5))))
        (local.set $s (i32.sub (local.get $p) (i32.load offset=8 (local.get $rec))))
        (if (i32.and
              (i32.and
                (i32.ge_s (local.get $s) (local.get $base))
                (i32.le_u (i32.add (local.get $s) (i32.load offset=12 (local.get $rec))) (local.get $end)))
              (i64.eq
                (i64.and (i64.load (local.get $s)) (i64.load offset=24 (local.get $rec)))
                (i64.load offset=16 (local.get $rec))))
          (then
            (i32.store offset=262144 (i32.shl (local.get $n) (i32.const 3)) (i32.load offset=4 (local.get $rec)))
            (i32.store offset=262148 (i32.shl (local.get $n) (i32.const 3)) (i32.sub (local.get $s) (local.get $base)))
            (local.set $n (i32.add (local.get $n) (i32.const 1)))))
        (local.set $r (i32.load16_u (local.get $rec)))
        (br $each)))
    (local.get $n))

  ;; Every needle occurrence whose pair starts in [from, end - 1), in order, written as (needle index,
  ;; start - base) at 262144; returns how many. A needle must lie inside [base, end). When the count
  ;; passes `cap` (room is left for one pair's whole chain) it stops and `resumeAt` says where to go on;
  ;; otherwise `resumeAt` is -1. Teddy-style: each pair has a bucket bit; four 16-entry nibble tables
  ;; give, for every position, the buckets whose first byte (low and high nibble) and second byte match,
  ;; in five shuffles and ANDs; every flagged lane is then looked up in the exact pair index, so only
  ;; true occurrences leave WebAssembly (shared buckets flag pairs no needle has).
  ;; The same pass screens base64 as `nextRun` does (its nibbles are at hand): `sawRun` then tells whether
  ;; any run `nextRun` would return lies in [base, end), so a clean buffer is read once, not twice (when
  ;; the call started at `base` and ran to the end).
  ;; A maximal run of 32+ holds a whole 16-byte step whatever the steps' alignment, so it is met here.
  (func (export "collect") (param $from i32) (param $end i32) (param $base i32) (param $cap i32) (result i32)
    (local $i i32) (local $k i32) (local $t i32) (local $n i32) (local $mask i32) (local $p i32)
    (local $a v128) (local $b v128) (local $hit v128) (local $la v128) (local $ha v128) (local $skip i32)
    (local $alo v128) (local $ahi v128) (local $blo v128) (local $bhi v128) (local $nib v128)
    (local $clo v128) (local $chi v128)
    (local.set $clo (v128.load (i32.const 33088)))
    (local.set $chi (v128.load (i32.const 33104)))
    (global.set $saw_run (i32.const 0))
    ;; Runs are screened in a first call only: after a hand-over `nextRun` does it (screening again from
    ;; each resume would walk a long run once per call).
    (local.set $skip (select (i32.const 0) (i32.const -1) (i32.eq (local.get $from) (local.get $base))))
    (local.set $alo (v128.load (i32.const 33024)))
    (local.set $ahi (v128.load (i32.const 33040)))
    (local.set $blo (v128.load (i32.const 33056)))
    (local.set $bhi (v128.load (i32.const 33072)))
    (local.set $nib (v128.const i8x16 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15))
    (global.set $resume (i32.const -1))
    (local.set $i (local.get $from))
    (block $vector_done
      (loop $vector
        (br_if $vector_done (i32.gt_u (i32.add (local.get $i) (i32.const 17)) (local.get $end)))
        (local.set $a (v128.load (local.get $i)))
        (local.set $b (v128.load offset=1 (local.get $i)))
        (local.set $la (v128.and (local.get $a) (local.get $nib)))
        (local.set $ha (v128.and (i16x8.shr_u (local.get $a) (i32.const 4)) (local.get $nib)))
        ;; A step that is base64 throughout, past the last run looked at: look at its run.
        (if (i32.and
              (i32.and (i32.eqz (global.get $saw_run)) (i32.ge_u (local.get $i) (local.get $skip)))
              (i8x16.all_true
                (v128.and (i8x16.swizzle (local.get $clo) (local.get $la)) (i8x16.swizzle (local.get $chi) (local.get $ha)))))
          (then (local.set $skip (call $runAt (local.get $i) (local.get $base) (local.get $end)))))
        (local.set $hit
          (v128.and
            (v128.and
              (i8x16.swizzle (local.get $alo) (local.get $la))
              (i8x16.swizzle (local.get $ahi) (local.get $ha)))
            (v128.and
              (i8x16.swizzle (local.get $blo) (v128.and (local.get $b) (local.get $nib)))
              (i8x16.swizzle (local.get $bhi) (v128.and (i16x8.shr_u (local.get $b) (i32.const 4)) (local.get $nib))))))
        (if (v128.any_true (local.get $hit))
          (then
            (local.set $mask (i8x16.bitmask (i8x16.ne (local.get $hit) (v128.const i64x2 0 0))))
            (block $lanes_done
              (loop $lanes
                (br_if $lanes_done (i32.eqz (local.get $mask)))
                (local.set $p (i32.add (local.get $i) (i32.ctz (local.get $mask))))
                (local.set $n (call $occurrences (local.get $p) (local.get $base) (local.get $end) (local.get $n)))
                (if (i32.ge_u (local.get $n) (local.get $cap))
                  (then
                    (global.set $resume (i32.add (local.get $p) (i32.const 1)))
                    (return (local.get $n))))
                (local.set $mask (i32.and (local.get $mask) (i32.sub (local.get $mask) (i32.const 1))))
                (br $lanes)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $vector)))
    ;; The last whole step, which ends exactly at `end` (the loop above needs one byte more).
    (if (i32.and
          (i32.and (i32.eqz (global.get $saw_run)) (i32.ge_u (local.get $i) (local.get $skip)))
          (i32.le_u (i32.add (local.get $i) (i32.const 16)) (local.get $end)))
      (then
        (local.set $a (v128.load (local.get $i)))
        (if (i8x16.all_true
              (v128.and
                (i8x16.swizzle (local.get $clo) (v128.and (local.get $a) (local.get $nib)))
                (i8x16.swizzle (local.get $chi) (v128.and (i16x8.shr_u (local.get $a) (i32.const 4)) (local.get $nib)))))
          (then (drop (call $runAt (local.get $i) (local.get $base) (local.get $end)))))))
    (block $done
      (loop $scalar
        (br_if $done (i32.ge_u (i32.add (local.get $i) (i32.const 1)) (local.get $end)))
        (local.set $n (call $occurrences (local.get $i) (local.get $base) (local.get $end) (local.get $n)))
        (if (i32.ge_u (local.get $n) (local.get $cap))
          (then
            (global.set $resume (i32.add (local.get $i) (i32.const 1)))
            (return (local.get $n))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $scalar)))
    (local.get $n))

  ;; The unbroken base64 run around the all-base64 step at i, within [base, end): sets `$saw_run` when it
  ;; is one `nextRun` returns (32+ characters and `$worth`); returns where it ends.
  (func $runAt (param $i i32) (param $base i32) (param $end i32) (result i32)
    (local $s i32) (local $e i32)
    (local.set $s (local.get $i))
    (block $back_done
      (loop $back
        (br_if $back_done (i32.le_u (local.get $s) (local.get $base)))
        (br_if $back_done
          (i32.eq (i32.load8_u offset=32768 (i32.load8_u (i32.sub (local.get $s) (i32.const 1)))) (i32.const 255)))
        (local.set $s (i32.sub (local.get $s) (i32.const 1)))
        (br $back)))
    (local.set $e (i32.add (local.get $i) (i32.const 16)))
    (block $fwd_done
      (loop $fwd
        (br_if $fwd_done (i32.ge_u (local.get $e) (local.get $end)))
        (br_if $fwd_done (i32.eq (i32.load8_u offset=32768 (i32.load8_u (local.get $e))) (i32.const 255)))
        (local.set $e (i32.add (local.get $e) (i32.const 1)))
        (br $fwd)))
    (if (i32.ge_u (i32.sub (local.get $e) (local.get $s)) (i32.const 32))
      (then
        (if (call $worth (local.get $s) (local.get $e) (local.get $end))
          (then (global.set $saw_run (i32.const 1))))))
    (local.get $e))

  ;; Is the unbroken base64 run [s, e) (at least 32 characters, inside [.., end)) worth a closer look?
  ;; Yes when it holds a marker's first three characters, or when it is a full line of wrapped base64
  ;; (64 or 76 characters followed by a line break), whose marker may sit across the wrap.
  (func $worth (param $s i32) (param $e i32) (param $end i32) (result i32)
    (local $n i32) (local $c i32) (local $code i32) (local $j i32)
    (local.set $n (i32.sub (local.get $e) (local.get $s)))
    (if (i32.and
          (i32.or (i32.eq (local.get $n) (i32.const 64)) (i32.eq (local.get $n) (i32.const 76)))
          (i32.lt_u (local.get $e) (local.get $end)))
      (then
        (local.set $c (i32.load8_u (local.get $e)))
        (if (i32.or (i32.eq (local.get $c) (i32.const 10)) (i32.eq (local.get $c) (i32.const 13)))
          (then (return (i32.const 1))))))
    (local.set $j (local.get $s))
    (local.set $code (i32.const 0))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $j) (local.get $e)))
        (local.set $code
          (i32.and
            (i32.or (i32.shl (local.get $code) (i32.const 6))
              (i32.load8_u offset=32768 (i32.load8_u (local.get $j))))
            (i32.const 0x3ffff)))
        (if (i32.ge_u (local.get $j) (i32.add (local.get $s) (i32.const 2)))
          (then
            (if (i32.and
                  (i32.shr_u
                    (i32.load (i32.shl (i32.shr_u (local.get $code) (i32.const 5)) (i32.const 2)))
                    (i32.and (local.get $code) (i32.const 31)))
                  (i32.const 1))
              (then (return (i32.const 1))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $each)))
    (i32.const 0))

;; Start of the first unbroken run of at least 32 base64 characters (standard or url-safe alphabet)
  ;; in [start, end) that `$worth` accepts, or -1; `runEnd` then tells where it ends. `start` must not
  ;; be inside a run (0, or where an earlier run ended), so a search resumes where the last one stopped.
  ;; A run of 32 holds a whole 16-byte step wherever the steps start, so only steps that are base64
  ;; throughout (one shuffle-based test) are looked at closer: most code never gets that far.
  (func (export "nextRun") (param $start i32) (param $end i32) (result i32)
    (local $i i32) (local $s i32) (local $e i32) (local $a v128) (local $lo v128) (local $hi v128)
    (local $nib v128)
    (local.set $lo (v128.load (i32.const 33088)))
    (local.set $hi (v128.load (i32.const 33104)))
    (local.set $nib (v128.const i8x16 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15))
    (local.set $i (local.get $start))
    (block $done
      (loop $vector
        (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $end)))
        (local.set $a (v128.load (local.get $i)))
        (if (i8x16.all_true
              (v128.and
                (i8x16.swizzle (local.get $lo) (v128.and (local.get $a) (local.get $nib)))
                (i8x16.swizzle (local.get $hi) (v128.and (i16x8.shr_u (local.get $a) (i32.const 4)) (local.get $nib)))))
          (then
            ;; The whole run around this step, byte by byte.
            (local.set $s (local.get $i))
            (block $back_done
              (loop $back
                (br_if $back_done (i32.le_u (local.get $s) (local.get $start)))
                (br_if $back_done
                  (i32.eq (i32.load8_u offset=32768 (i32.load8_u (i32.sub (local.get $s) (i32.const 1))))
                    (i32.const 255)))
                (local.set $s (i32.sub (local.get $s) (i32.const 1)))
                (br $back)))
            (local.set $e (i32.add (local.get $i) (i32.const 16)))
            (block $fwd_done
              (loop $fwd
                (br_if $fwd_done (i32.ge_u (local.get $e) (local.get $end)))
                (br_if $fwd_done
                  (i32.eq (i32.load8_u offset=32768 (i32.load8_u (local.get $e))) (i32.const 255)))
                (local.set $e (i32.add (local.get $e) (i32.const 1)))
                (br $fwd)))
            (if (i32.ge_u (i32.sub (local.get $e) (local.get $s)) (i32.const 32))
              (then
                (if (call $worth (local.get $s) (local.get $e) (local.get $end))
                  (then
                    (global.set $run_end (local.get $e))
                    (return (local.get $s))))))
            (local.set $i (local.get $e)))
          (else (local.set $i (i32.add (local.get $i) (i32.const 16)))))
        (br $vector)))
    (i32.const -1))

  ;; UTF-16 code units of the valid UTF-8 in [start, end): one per byte that starts a character, one
  ;; more for each 4-byte character (a surrogate pair).
  (func (export "utf16Units") (param $start i32) (param $end i32) (result i32)
    (local $i i32) (local $n i32) (local $v v128) (local $b i32)
    (local.set $i (local.get $start))
    (block $vector_done
      (loop $vector
        (br_if $vector_done (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $end)))
        (local.set $v (v128.load (local.get $i)))
        (local.set $n
          (i32.add (local.get $n)
            (i32.add
              (i32.popcnt (i8x16.bitmask
                (i8x16.ne (v128.and (local.get $v) (v128.const i8x16 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0))
                  (v128.const i8x16 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80))))
              (i32.popcnt (i8x16.bitmask
                (i8x16.ge_u (local.get $v) (v128.const i8x16 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $vector)))
    (block $done
      (loop $scalar
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $b (i32.load8_u (local.get $i)))
        (if (i32.ne (i32.and (local.get $b) (i32.const 0xc0)) (i32.const 0x80))
          (then (local.set $n (i32.add (local.get $n) (i32.const 1)))))
        (if (i32.ge_u (local.get $b) (i32.const 0xf0))
          (then (local.set $n (i32.add (local.get $n) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $scalar)))
    (local.get $n))

  ;; How many bytes in [start, end) equal `byte` (line counting: byte 10).
  (func (export "countByte") (param $start i32) (param $end i32) (param $byte i32) (result i32)
    (local $i i32) (local $n i32) (local $b v128)
    (local.set $i (local.get $start))
    (local.set $b (i8x16.splat (local.get $byte)))
    (block $vector_done
      (loop $vector
        (br_if $vector_done (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $end)))
        (local.set $n
          (i32.add (local.get $n)
            (i32.popcnt (i8x16.bitmask (i8x16.eq (v128.load (local.get $i)) (local.get $b))))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $vector)))
    (block $done
      (loop $scalar
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (if (i32.eq (i32.load8_u (local.get $i)) (local.get $byte))
          (then (local.set $n (i32.add (local.get $n) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $scalar)))
    (local.get $n))
)
