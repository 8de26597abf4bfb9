"""Stage 5, *views*: the index and the analysis put into one language for one page or
diagram, as typed data of display strings and ``Figure``s. Views format and lay out
charts; they never count, rank or average."""
