"""``python -m autocoherence``: the same command line as the ``autocoherence`` script."""

from autocoherence.cli import main

if __name__ == "__main__":
    main()
