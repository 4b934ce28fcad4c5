"""Summarising: the pipeline summary counted row by row, its model and its JSON form.

`builder` counts each scored row (into `sections`, ranked `deal_lists`, by the
`forecast` rules); `model` is the frozen summary every renderer reads; `to_json` its
versioned JSON form.
"""
