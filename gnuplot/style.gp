# The notebook's one figure style.  make runs every figure as
#   gnuplot -e "results='results/CHAPTER'; output='figures/CHAPTER/F.svg.tmp'" gnuplot/style.gp chapters/CHAPTER/F.gp
# so a figure script can use `results` (its chapter's results folder) and
# starts with the terminal, output, fonts, palette and axes set here.

# SVG: text, diffable, rendered by GitHub.  A script that needs another
# size says `set terminal @svg size W,H`.
svg = "svg enhanced font 'Helvetica,13' linewidth 1.2 background rgb 'white'"
set terminal @svg size 720,480
set output output
set encoding utf8

# Data: CSV (data/), TSV (results/*.tsv) and space-separated grids all read.
set datafile separator " ,\t"
set datafile commentschars "#"

# Axes: a light frame, outward tics, a faint grid.
set border 3 front lc rgb '#4d4d4d' lw 1
set tics nomirror out scale 0.6 textcolor rgb '#333333'
set grid back lc rgb '#e6e6e6' lw 1 dt 1
set key top right samplen 2 spacing 1.2 textcolor rgb '#333333' box lc rgb '#cccccc' opaque
set title font 'Helvetica,15' textcolor rgb '#1a1a1a'

# Palette.  Classes: y = 0 red, y = 1 blue (points dark, regions light).
red        = '#c0392b'
blue       = '#1f5fa8'
red_area   = '#f7d6cf'
blue_area  = '#d3e3f4'
grey       = '#7f7f7f'
set linetype 1 lc rgb blue   lw 2 pt 7 ps 0.6
set linetype 2 lc rgb red    lw 2 pt 7 ps 0.6
set linetype 3 lc rgb '#2ca02c' lw 2 pt 7 ps 0.6
set linetype 4 lc rgb '#9467bd' lw 2 pt 7 ps 0.6
set linetype 5 lc rgb '#ff7f0e' lw 2 pt 7 ps 0.6
set linetype 6 lc rgb grey   lw 2 pt 7 ps 0.6
set linetype cycle 6

# Decision regions are drawn `with image` from a grid of 0/1 classes.
set palette defined (0 red_area, 1 blue_area)
set cbrange [0:1]
unset colorbox

# The values a chapter's program computed, as gnuplot variables
# (values.txt is `key = value` lines, all numeric).
values(dir) = sprintf("load '%s/values.txt'", dir)

# One decision-region panel: the grid file, then the data points by class.
# Usage: data = 'data/flower.csv'; grid = results.'/grid_nn.grid'; plot @regions
# Set point_size first to change the points' size; axes fit the grid exactly.
point_size = 0.45
regions = "grid using 1:2:3 with image notitle, \
  data skip 1 using 1:($3 == 0 ? $2 : 1/0) with points pt 7 ps point_size lc rgb red title 'y = 0', \
  data skip 1 using 1:($3 == 1 ? $2 : 1/0) with points pt 7 ps point_size lc rgb blue title 'y = 1'"

# SVG renderers collapse a space that follows a subscript, even a no-break
# one: write "n_h = 4" as sprintf('%s %d', nh, 4), where an invisible 'x'
# (&{x}) holds the gap after the subscript.
nh = "n_h&{x}="
nx = "n_x&{x}="
