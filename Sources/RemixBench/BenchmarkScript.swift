/// The script every remix benchmark speaks, so their figures compare.
let benchmarkScript = """
    The lighthouse keeper climbed the spiral stairs every evening, counting each of the one hundred and \
    twelve steps, and lit the great lamp that guided fishing boats home through fog and storm. Nobody in \
    the village could remember a night when the light had failed, and the keeper intended to keep it that \
    way for many years to come.
    """
