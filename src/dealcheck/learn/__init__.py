"""Learning from won and lost deals: which gaps and flags predict losses (issue 14).

The wing reads closed deals (`history`), measures effects with honest intervals
(`effects`), fits reviewable weight changes (`fit`, `suggest`) and backtests them
(`backtest`). It sits beside `policy`: it may use the batch reader and the deal files,
never the renderers or the commands.
"""
